import KServeCanaryModel
import StreamObjects
import YAMLEditing
import YAMLStream

/// One variant of a canary group after post-rendering, for humans and `summary --output json`.
public struct VariantSummary: Sendable, Equatable, Encodable {
    /// Group namespace ("" when the releases name none).
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

    private enum Key: String, CodingKey {
        case namespace, group, variant, release, modelName, storageUri, weight, hosts
    }

    /// Encodes every field; a missing weight is `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(namespace, forKey: .namespace)
        try c.encode(group, forKey: .group)
        try c.encode(variant, forKey: .variant)
        try c.encode(release, forKey: .release)
        try c.encode(modelName, forKey: .modelName)
        try c.encode(storageUri, forKey: .storageUri)
        try c.encode(weight, forKey: .weight)
        try c.encode(hosts, forKey: .hosts)
    }
}

/// The outcome of applying the canary rules to a stream.
public struct PostRenderResult: Sendable {
    /// Edits to apply (empty when there are diagnostics).
    public var edits: [ByteEdit]
    /// Every problem found, in stream order. Non-empty means: write nothing, exit 1.
    public var diagnostics: [Diagnostic]
    /// Per-variant summary of the canary groups found.
    public var summary: [VariantSummary]
    /// What the rules change, one entry per changed object (empty when nothing changes), in
    /// words; computed when asked (post-render never asks).
    public var changes: [PlannedChange] { plan.changes }
    /// The plan the changes are described from.
    let plan: CanaryPlan
    /// Number of documents in the stream.
    public var documentCount: Int
    /// Whether reading stopped early (too many syntax errors), so later documents were not checked.
    public var stoppedEarly: Bool
}

/// One object the rules change, and how, in words (what `flux build` reports when Flux's patches
/// left something for the post-renderer to do).
public struct PlannedChange: Sendable, Equatable {
    /// 1-based document number.
    public var documentNumber: Int
    /// `Kind/name`.
    public var subject: String
    /// The changes, e.g. `storageUri: "a" -> "b"`, `remove newStorageUri`.
    public var changes: [String]
}
