import CYAML
import YAMLSource

/// The stream is not well-formed YAML (or not valid UTF-8) at `mark`.
public struct YAMLSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is.
    public var mark: YAMLMark
    /// 1-based number of the document the problem is in.
    public var documentNumber: Int
    /// What libyaml reported, with its context.
    public var message: String

    /// Creates an error.
    public init(mark: YAMLMark, documentNumber: Int, message: String) {
        self.mark = mark
        self.documentNumber = documentNumber
        self.message = message
    }

    /// `LINE:COL: message`.
    public var description: String { "\(mark): \(message)" }

    /// The error libyaml's parser stopped with, positioned in the whole stream.
    static func from(
        _ p: yaml_parser_t, source: SourceBuffer, start: PassStart, documentNumber: Int,
        translator: inout MarkTranslator
    ) -> YAMLSyntaxError {
        let problem = p.problem.map { String(cString: $0) } ?? "unknown problem"
        if p.error == YAML_READER_ERROR {
            let offset = start.offset + Int(p.problem_offset) + (start.offset == 0 && source.hasUTF8BOM ? 3 : 0)
            let lc = source.lineAndColumn(of: offset)
            var message = problem
            if p.problem_value != -1 {
                let hex = String(p.problem_value & 0xFF, radix: 16, uppercase: true)
                message += " (byte 0x" + (hex.count < 2 ? "0" : "") + hex + ")"
            }
            if problem.contains("UTF-8") || problem.contains("control characters") {
                message += "; the stream must be UTF-8 text without NUL or control bytes"
            }
            return YAMLSyntaxError(
                mark: YAMLMark(offset: min(offset, source.count), line: lc.line, column: lc.column),
                documentNumber: documentNumber, message: message)
        }
        if p.error == YAML_MEMORY_ERROR {
            return YAMLSyntaxError(
                mark: YAMLMark(offset: start.offset, line: start.line, column: 1),
                documentNumber: documentNumber, message: "out of memory while parsing")
        }
        var message = problem
        if let context = p.context.map({ String(cString: $0) }) {
            message =
                "\(context) (at \(start.line + Int(p.context_mark.line)):\(Int(p.context_mark.column) + 1)): \(problem)"
        }
        let m = p.problem_mark
        return YAMLSyntaxError(
            mark: YAMLMark(
                offset: translator.offset(of: Int(m.index)), line: start.line + Int(m.line), column: Int(m.column) + 1),
            documentNumber: documentNumber, message: message)
    }
}
