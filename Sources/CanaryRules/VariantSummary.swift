/// One variant of a canary group after post-rendering, for humans.
public struct VariantSummary: Sendable, Equatable {
    /// Group namespace.
    public var namespace: String
    /// Group (and model) name.
    public var group: String
    /// primary or canary.
    public var variant: Variant
    /// The HelmRelease name.
    public var release: String
    /// The model name both variants serve under (`/v1/models/<name>:predict`).
    public var modelName: String
    /// The storage URI the variant serves after post-rendering.
    public var storageUri: String
    /// Percentage of the default route's traffic, when a VirtualService routes to the group.
    public var weight: Int?
    /// Hosts of the group's VirtualService(s).
    public var hosts: [String]
}
