/// A YAML stream that could not be read as values: a syntax error, an unsupported construct, or a
/// document that is too large once aliases are expanded.
public struct YAMLValueError: Error, Sendable, CustomStringConvertible {
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based document number in the stream, when known.
    public var documentNumber: Int?
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(line: Int? = nil, documentNumber: Int? = nil, message: String) {
        self.line = line
        self.documentNumber = documentNumber
        self.message = message
    }

    /// `line L: document N: message` (the parts that are known).
    public var description: String {
        var parts: [String] = []
        if let line { parts.append("line \(line)") }
        if let documentNumber { parts.append("document \(documentNumber)") }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}
