import YAMLStream

/// The outcome of applying the canary rules to a stream.
public struct PostRenderResult: Sendable {
    /// Edits to apply (empty when there are diagnostics).
    public var edits: [ByteEdit]
    /// Every problem found, in stream order. Non-empty means: write nothing, exit 1.
    public var diagnostics: [Diagnostic]
    /// Per-variant summary of the canary groups found.
    public var summary: [VariantSummary]
    /// Number of documents in the stream.
    public var documentCount: Int
}
