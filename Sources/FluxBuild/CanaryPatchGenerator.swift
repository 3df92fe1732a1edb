import KServeCanaryModel
import YAMLValues

/// The kserve-canary post-render rules for one kserve-general release, as Flux `postRenderers`
/// (Kustomize JSON 6902 patches on the parent release's output) that never read a value:
///
/// - HelmRelease `<release>-canary`: `move` `newStorageUri` to `storageUri`, `add`
///   `--model_name=<release>` at the end of `args`;
/// - HelmRelease `<release>-primary`: `add` then `remove` `newStorageUri` (removes it whether or not
///   it is there), `add` `--model_name=<release>` at the end of `args`.
///
/// A patch whose target matches nothing (no canary rendered) does nothing. What JSON 6902 cannot
/// say: "create `args` if it is missing" (the chart must always render a list there) and "remove
/// an existing `--model_name`" (one set by the user stays in front of ours; see docs/flux.md).
public struct CanaryPatchGenerator: Sendable {
    /// The path of the model mapping in a kserve-model HelmRelease.
    public static let modelPath = KubernetesKinds.HelmRelease.values + ModelValues.modelPath

    /// The kserve-general release (the canary group name, `<release>-primary`/`<release>-canary`).
    public var release: String
    /// Namespace of the two HelmReleases; nil matches any namespace.
    public var namespace: String?

    /// Creates a generator.
    public init(release: String, namespace: String? = nil) {
        self.release = release
        self.namespace = namespace
    }

    /// Why `release` or `namespace` cannot name Kubernetes objects, if so.
    public var problem: String? {
        if !Self.isDNSName(release) {
            return
                """
                --release \"\(release)\" is not a valid release name (lower-case letters, digits, '-' and '.', \
                starting and ending with a letter or digit)
                """
        }
        if release.count + "-primary".count > 253 { return "--release \"\(release)\" is too long" }
        if let namespace, !Self.isDNSName(namespace) || namespace.contains(".") || namespace.count > 63 {
            return "--namespace \"\(namespace)\" is not a valid namespace (a DNS label)"
        }
        return nil
    }

    /// The argument both releases end with.
    public var modelNameArgument: String { ModelValues.modelNameArgument(release) }

    /// JSON pointer to `key` in the model mapping.
    public static func pointer(_ key: String) -> String { "/" + (modelPath + [key]).joined(separator: "/") }

    /// The selector of HelmRelease `<release><suffix>`.
    public func target(_ variant: Variant) -> KustomizeSelector {
        KustomizeSelector(
            group: KubernetesKinds.fluxHelmGroup, kind: "HelmRelease",
            name: KustomizeSelector.literal(CanaryNames.release(group: release, variant: variant)),
            namespace: namespace.map(KustomizeSelector.literal) ?? "")
    }

    /// The JSON 6902 patch of the canary.
    public var canaryPatch: KustomizePatch {
        KustomizePatch(
            patch: """
                # kserve-canary: the canary serves newStorageUri under the model name \(release).
                - op: move
                  from: \(Self.pointer(ModelValues.newStorageUri))
                  path: \(Self.pointer(ModelValues.storageUri))
                - op: add
                  path: \(Self.pointer(ModelValues.args))/-
                  value: \(YAMLValueWriter.quoted(modelNameArgument))

                """, target: target(.canary))
    }

    /// The JSON 6902 patch of the primary.
    public var primaryPatch: KustomizePatch {
        KustomizePatch(
            patch: """
                # kserve-canary: the primary keeps storageUri and serves it under the model name \(release);
                # newStorageUri is removed if present (add, then remove, succeeds either way).
                - op: add
                  path: \(Self.pointer(ModelValues.newStorageUri))
                  value: ""
                - op: remove
                  path: \(Self.pointer(ModelValues.newStorageUri))
                - op: add
                  path: \(Self.pointer(ModelValues.args))/-
                  value: \(YAMLValueWriter.quoted(modelNameArgument))

                """, target: target(.primary))
    }

    /// The one Kustomize post-renderer holding both patches (canary first, as in the rules).
    public var postRenderer: KustomizePostRenderer {
        KustomizePostRenderer(patches: [canaryPatch, primaryPatch])
    }

    /// `postRenderers: [...]`, ready to paste under `spec:` of the parent HelmRelease.
    public var postRenderersValue: YAMLValue {
        .map(YAMLMap([("postRenderers", .list([postRenderer.value]))]))
    }

    /// The YAML printed by `kserve-canary flux postrenderers`: a comment, then `postRenderers:`.
    public var yaml: String {
        let scope = namespace.map { " in namespace \($0)" } ?? " in any namespace"
        return """
            # Flux postRenderers for kserve-general release "\(release)"\(scope): the kserve-canary
            # post-render rules as Kustomize patches of HelmReleases \(release)-primary and \(release)-canary.
            # Paste under spec: of the parent HelmRelease (the one whose chart is kserve-general).
            # They read no values, so they stay valid when values change. The chart must render
            # inferenceservice.predictor.model.args as a list in both releases (kserve-general does).
            # See docs/flux.md for what Kustomize cannot express.

            """ + YAMLValueWriter.document(postRenderersValue)
    }

    static func isDNSName(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        guard let first = bytes.first, let last = bytes.last, bytes.count <= 253 else { return false }
        func alnum(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }
        guard alnum(first), alnum(last) else { return false }
        return bytes.allSatisfy { alnum($0) || $0 == 0x2D || $0 == 0x2E }
    }
}
