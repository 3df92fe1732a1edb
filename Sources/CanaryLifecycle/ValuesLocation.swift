import YAMLStream

/// The values mapping the lifecycle commands work on: a document of the file and a mapping in it.
public struct ValuesLocation: @unchecked Sendable {
    /// The document holding the values.
    public let document: YAMLDocument
    /// Index of the values mapping in `document`.
    public let mapping: Int
    /// Keys from the document root to the mapping (empty for the root).
    public let path: [String]
    /// `HelmRelease namespace/name` when the document is a Flux HelmRelease.
    public let subject: String?

    /// Creates a location.
    public init(document: YAMLDocument, mapping: Int, path: [String], subject: String?) {
        self.document = document
        self.mapping = mapping
        self.path = path
        self.subject = subject
    }

    /// `document 1 (HelmRelease sample-dev/sklearn), spec.values`.
    public var description: String {
        let what = subject.map { "document \(document.number) (\($0))" } ?? "document \(document.number)"
        return "\(what), \(ValuesSelector.describe(path))"
    }
}
