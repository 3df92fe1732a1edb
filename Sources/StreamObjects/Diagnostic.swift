import YAMLStream

/// One problem found in the input, with where it is and what to do about it.
public struct Diagnostic: Error, Sendable, Equatable {
    /// Position of the offending node.
    public var mark: YAMLMark
    /// 1-based document number in the stream.
    public var documentNumber: Int
    /// `Kind/name` of the object, when known.
    public var subject: String?
    /// What is wrong and what to do.
    public var message: String

    /// Creates a diagnostic.
    public init(mark: YAMLMark, documentNumber: Int, subject: String?, message: String) {
        self.mark = mark
        self.documentNumber = documentNumber
        self.subject = subject
        self.message = message
    }

    /// The same diagnostic in a stream whose earlier parts hold `offset` documents.
    package func shifted(by offset: Int) -> Diagnostic {
        var copy = self
        copy.documentNumber += offset
        return copy
    }

    /// `FILE:LINE:COL: error: document N (Kind/name): message`.
    public func formatted(file: String) -> String {
        let what = subject.map { "document \(documentNumber) (\($0))" } ?? "document \(documentNumber)"
        return "\(file):\(mark.line):\(mark.column): error: \(what): \(message)"
    }
}
