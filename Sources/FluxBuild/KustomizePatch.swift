import YAMLValues

/// One Kustomize patch of a Flux post-renderer: a strategic-merge patch or a JSON 6902 operation
/// list (as YAML text), and the objects it applies to.
public struct KustomizePatch: Sendable, Equatable {
    /// The patch document, as Flux stores it (a string).
    public var patch: String
    /// The objects to patch; nil lets a strategic-merge patch name its own target.
    public var target: KustomizeSelector?

    /// Creates a patch.
    public init(patch: String, target: KustomizeSelector?) {
        self.patch = patch
        self.target = target
    }

    /// The `{patch, target}` mapping Flux and Kustomize read.
    public var value: YAMLValue {
        var map = YAMLMap()
        if let target { map["target"] = target.value }
        map["patch"] = .string(patch)
        return .map(map)
    }
}
