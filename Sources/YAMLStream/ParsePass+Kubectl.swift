import CYAML
import YAMLSource

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where libyaml 0.2.5 and kubectl (k8s.io/apimachinery's `YAMLReader` splitting the stream,
/// go-yaml v2 reading each piece) read a stream differently: checked in every document, built or
/// skipped, and reported as syntax errors (docs/yaml-rules.md, "Reading the stream as kubectl does").
extension ParsePass {
    /// Checks where libyaml starts a document: only at a `---` line after a line feed (or at the
    /// start of the stream), without directives.
    mutating func checkDocumentStart() {
        let number = documentNumber + 1
        if docHasDirectives {
            docRefused = true
            pendingErrors.append(
                YAMLSyntaxError(
                    mark: docStart, documentNumber: number,
                    message: "a %YAML or %TAG directive: kubectl splits the stream at `---` lines and go-yaml "
                        + "reads only the first document of each piece, so the directive is never applied "
                        + "(before the first document kubectl fails); remove it"))
            return
        }
        let p = docStart.offset
        guard docExplicit, p > source.textStart, source.base[p - 1] != 0x0A else { return }
        docRefused = true
        var name = "character other than a line feed"
        for n in 1...3 where p - n >= 0 && KubectlSeparators.lineBreakLength(source, at: p - n) == n {
            name = KubectlSeparators.lineBreakName(source, at: p - n)
        }
        pendingErrors.append(
            YAMLSyntaxError(
                mark: docStart, documentNumber: number,
                message: "`---` after a \(name): libyaml starts this document here, kubectl splits "
                    + "the stream only at `---` lines after a line feed (LF), so it reads this document as "
                    + "part of the previous one and drops it; end the previous line with LF"))
    }

    /// Checks a scalar for what go-yaml v2 scans differently from libyaml 0.2.5: `?` inside a
    /// plain scalar in a flow collection (go-yaml ends the scalar there, then fails), and the `\/`
    /// escape in double quotes (go-yaml refuses it).
    mutating func checkScalar(_ event: inout yaml_event_t) {
        let style = event.data.scalar.style
        let question = hints.questionMark && flowDepth > 0 && style == YAML_PLAIN_SCALAR_STYLE
        guard question || (hints.slashEscape && style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) else { return }
        let scalar = event.data.scalar
        guard let value = scalar.value, scalar.length > 0,
            memchr(value, question ? 0x3F : 0x2F, scalar.length) != nil
        else { return }
        let start = mark(event.start_mark)
        let end = translator.offset(of: Int(event.end_mark.index))
        let content = Self.skipProperties(source, from: start.offset, limit: end)
        if question {
            guard let at = (content..<end).first(where: { source.base[$0] == 0x3F }) else { return }
            let text = String(decoding: UnsafeBufferPointer(start: value, count: min(scalar.length, 60)), as: UTF8.self)
            docRefused = true
            pendingErrors.append(
                YAMLSyntaxError(
                    mark: advance(start, to: at), documentNumber: documentNumber + 1,
                    message: "`?` in the plain scalar `\(text)` inside a flow collection ([...] or {...}): "
                        + "go-yaml (kubectl) ends the scalar at `?` and fails, libyaml reads on; "
                        + "quote the scalar (\"...\")"))
            return
        }
        var i = content + 1
        while i + 1 < end {
            guard source.base[i] == 0x5C else {
                i += 1
                continue
            }
            if source.base[i + 1] == 0x2F {
                docRefused = true
                pendingErrors.append(
                    YAMLSyntaxError(
                        mark: advance(start, to: i), documentNumber: documentNumber + 1,
                        message: "the escape `\\/` in a double-quoted scalar: go-yaml (kubectl) refuses it "
                            + "(\"found unknown escape character\"), libyaml reads `/`; write `/` without "
                            + "the backslash"))
                return
            }
            i += 2
        }
    }

    /// The line problems before `limit` not yet reported, as errors of document `number`.
    mutating func takeLineProblems(before limit: Int, documentNumber number: Int) -> [YAMLSyntaxError] {
        var out: [YAMLSyntaxError] = []
        var known = previousEnd
        while lineCursor < lineProblems.count && lineProblems[lineCursor].offset < limit {
            let problem = lineProblems[lineCursor]
            if problem.offset >= known.offset { known = advance(known, to: problem.offset) }
            out.append(YAMLSyntaxError(mark: known, documentNumber: max(number, 1), message: problem.message))
            lineCursor += 1
        }
        return out
    }

    /// The mark of `offset`, counted forward from `known` (libyaml's line breaks: LF, CRLF, CR,
    /// NEL, LS, PS; columns in characters).
    func advance(_ known: YAMLMark, to offset: Int) -> YAMLMark {
        var line = known.line
        var column = known.column
        var i = known.offset
        let base = source.base
        while i < offset {
            let c = base[i]
            let n = c == 0x0A ? 1 : KubectlSeparators.lineBreakLength(source, at: i)
            if n > 0 {
                i += c == 0x0D && i + 1 < source.count && base[i + 1] == 0x0A ? 2 : n
                line += 1
                column = 1
                continue
            }
            if c & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return YAMLMark(offset: offset, line: line, column: column)
    }
}
