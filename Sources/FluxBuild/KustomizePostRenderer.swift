import YAMLValues

/// One `spec.postRenderers[].kustomize` entry of a HelmRelease: patches and image overrides that
/// helm-controller applies to the rendered chart with an in-memory Kustomization.
public struct KustomizePostRenderer: Sendable, Equatable {
    /// Patches, applied in order.
    public var patches: [KustomizePatch]
    /// Image overrides.
    public var images: [KustomizeImage]

    /// Creates a post-renderer.
    public init(patches: [KustomizePatch] = [], images: [KustomizeImage] = []) {
        self.patches = patches
        self.images = images
    }

    /// The `{kustomize: {patches, images}}` mapping of `spec.postRenderers`.
    public var value: YAMLValue {
        var kustomize = YAMLMap()
        if !patches.isEmpty { kustomize["patches"] = .list(patches.map(\.value)) }
        if !images.isEmpty { kustomize["images"] = .list(images.map(\.value)) }
        return .map(YAMLMap([("kustomize", .map(kustomize))]))
    }

    /// The `kustomization.yaml` helm-controller builds for this post-renderer over `resource`.
    public func kustomization(resource: String) -> YAMLValue {
        var map = YAMLMap()
        map["apiVersion"] = .string("kustomize.config.k8s.io/v1beta1")
        map["kind"] = .string("Kustomization")
        map["resources"] = .list([.string(resource)])
        if !patches.isEmpty { map["patches"] = .list(patches.map(\.value)) }
        if !images.isEmpty { map["images"] = .list(images.map(\.value)) }
        return .map(map)
    }
}
