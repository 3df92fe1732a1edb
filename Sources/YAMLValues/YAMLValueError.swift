import YAMLStream

/// A YAML stream that cannot be read as values the way go-yaml v2 reads it (and kubectl would
/// refuse it too): a syntax error, a tagged scalar its tag cannot hold, a bad merge key, a
/// non-scalar or null mapping key, or a document too large once aliases are expanded.
public struct YAMLValueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is, when known.
    public var mark: YAMLMark?
    /// 1-based document number in the stream, when known.
    public var documentNumber: Int?
    /// What is wrong.
    public var message: String
    /// Whether kserve-canary's own bound refused the input (a scalar it does not keep), which
    /// kubectl may well read.
    public var isReaderLimit = false

    /// "kubectl cannot read `what`: message", or for a reader limit "cannot check `what`: message".
    public func refusal(_ what: String) -> String {
        (isReaderLimit ? "cannot check " : "kubectl cannot read ") + what + ": " + message
    }

    /// Creates an error.
    public init(mark: YAMLMark? = nil, documentNumber: Int? = nil, message: String) {
        self.mark = mark
        self.documentNumber = documentNumber
        self.message = message
    }

    /// 1-based line, when known.
    public var line: Int? { mark?.line }

    /// `L:C: document N: message` (the parts that are known).
    public var description: String {
        var parts: [String] = []
        if let mark { parts.append("\(mark)") }
        if let documentNumber { parts.append("document \(documentNumber)") }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}
