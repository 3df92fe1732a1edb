import YAMLStream

/// What the post-renderer learned from one VirtualService.
struct VirtualServiceFacts {
    var documentNumber: Int
    var identity: DocumentIdentity
    var hosts: [String]
    var routes: [RouteFacts]
    /// Shape problems found while reading; reported only if the VirtualService belongs to a group.
    var diagnostics: [Diagnostic]

    var subject: String { identity.subject }
}
