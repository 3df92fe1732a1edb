/// Identifies a canary group: namespace plus base name.
public struct GroupKey: Hashable, Sendable, Comparable {
    /// Namespace ("" when the documents carry none).
    public var namespace: String
    /// Base name: the HelmRelease names without `-primary`/`-canary`; also the model name.
    public var name: String

    /// Creates a key.
    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }

    /// Orders by namespace, then name.
    public static func < (a: GroupKey, b: GroupKey) -> Bool { (a.namespace, a.name) < (b.namespace, b.name) }
}
