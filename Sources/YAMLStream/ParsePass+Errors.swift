import CYAML
import YAMLSource

/// Errors a pass reports, and where node content starts after its properties.
extension ParsePass {
    mutating func undefinedAlias(_ name: String, at mark: YAMLMark) {
        pendingErrors.append(
            YAMLSyntaxError(
                mark: mark, documentNumber: documentNumber + 1,
                message: "undefined alias *\(name): no earlier &\(name) in this document"))
    }

    func failure(at mark: YAMLMark, _ message: String) -> Result {
        Result(
            documentCount: documentNumber + 1,
            error: YAMLSyntaxError(mark: mark, documentNumber: documentNumber + 1, message: message),
            extraErrors: pendingErrors)
    }

    func depthFailure(at mark: YAMLMark) -> Result {
        failure(at: mark, "collections nested deeper than \(settings.maxDepth) levels; refusing the document")
    }

    /// Skips `&anchor` and `!tag` properties (and the blanks after them) from `offset`.
    static func skipProperties(_ source: SourceBuffer, from offset: Int, limit: Int) -> Int {
        var i = offset
        while i < limit && (source[i] == 0x26 || source[i] == 0x21) {
            while i < limit && source[i] != 0x20 && source[i] != 0x09 && source[i] != 0x0A && source[i] != 0x0D {
                i += 1
            }
            while i < limit && (source[i] == 0x20 || source[i] == 0x09 || source[i] == 0x0A || source[i] == 0x0D) {
                i += 1
            }
        }
        return i
    }

    mutating func makeError(_ parser: UnsafeMutablePointer<yaml_parser_t>) -> YAMLSyntaxError {
        YAMLSyntaxError.from(
            parser.pointee, source: source, start: start, documentNumber: documentNumber + 1,
            translator: &translator)
    }
}
