import YAMLStream

/// One `http[]` route of a VirtualService.
struct RouteFacts {
    /// Position in `spec.http`.
    var index: Int
    var mark: YAMLMark
    /// Whether the route has a `match` (then it is not the default, weighted route).
    var hasMatch: Bool
    var destinations: [DestinationFacts]
    /// `mirror.host`, if the route mirrors traffic.
    var mirrorHost: String?
    var mirrorMark: YAMLMark?
}
