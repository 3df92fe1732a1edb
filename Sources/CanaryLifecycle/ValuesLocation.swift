import YAMLStream

/// A Flux HelmRelease by namespace and name.
public struct ReleaseIdentity: Sendable, Equatable, Codable {
    /// `metadata.namespace`, when written.
    public var namespace: String?
    /// `metadata.name`.
    public var name: String

    /// Creates an identity.
    public init(namespace: String?, name: String) {
        self.namespace = namespace
        self.name = name
    }

    /// `HelmRelease ns/name`.
    public var subject: String { "HelmRelease " + (namespace.map { "\($0)/" } ?? "") + name }
}

/// The values mapping the lifecycle commands work on: a document of the file and a mapping in it.
public struct ValuesLocation: Sendable {
    /// The document holding the values.
    public let document: YAMLDocument
    /// The values mapping.
    public let mapping: YAMLNodeID
    /// Keys from the document root to the mapping (empty for the root).
    public let path: [String]
    /// The Flux HelmRelease holding the values, if the document is one.
    public let release: ReleaseIdentity?

    /// Creates a location.
    public init(document: YAMLDocument, mapping: YAMLNodeID, path: [String], release: ReleaseIdentity?) {
        self.document = document
        self.mapping = mapping
        self.path = path
        self.release = release
    }

    /// `HelmRelease ns/name`, or nil for a values file.
    public var subject: String? { release?.subject }

    /// `document 1 (HelmRelease sample-dev/sklearn), spec.values`.
    public var description: String {
        let what = subject.map { "document \(document.number) (\($0))" } ?? "document \(document.number)"
        return "\(what), \(ValuesSelector.describe(path))"
    }
}
