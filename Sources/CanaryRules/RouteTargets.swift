/// The canary groups an http route's destination hosts and mirror host resolve to (nil: none),
/// computed once per route and shared by group membership and the weight checks.
struct RouteTargets {
    /// One entry per `route[]` destination, in order.
    var destinations: [(GroupKey, Variant)?]
    /// The `mirror.host`, when the route mirrors.
    var mirror: (GroupKey, Variant)?

    /// Every group this route touches.
    var groups: [GroupKey] { (destinations + [mirror]).compactMap { $0?.0 } }

    /// The same targets with groups outside `keep` treated as unrelated hosts.
    func restricted(to keep: (GroupKey) -> Bool) -> RouteTargets {
        RouteTargets(destinations: destinations.map { $0.flatMap { keep($0.0) ? $0 : nil } },
                     mirror: mirror.flatMap { keep($0.0) ? $0 : nil })
    }
}
