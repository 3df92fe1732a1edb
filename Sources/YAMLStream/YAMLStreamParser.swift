import CYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses a multi-document YAML stream with libyaml's event API into `YAMLDocument`s, one at a time.
///
/// - Aliases are recorded, never expanded, so alias bombs cost linear time and memory.
/// - Nodes are built with an explicit stack, so nesting depth is bounded by memory, not the call stack.
/// - After a syntax error the parser resumes at the next line that starts with `---`, so one run
///   reports the problems of every document.
/// - Scalar values longer than `maxScalarLength` bytes are not copied (see `YAMLNode.valueLength`).
public struct YAMLStreamParser: Sendable {
    /// Longest scalar value kept in memory, in bytes.
    public var maxScalarLength: Int
    /// How many syntax errors to report before giving up on the rest of the stream.
    public var maxErrors: Int
    /// Decides from the root mapping's scalar `key: value` pairs whether a document is wanted.
    /// Skipped documents are still parsed in full (syntax, undefined aliases, depth), but no nodes
    /// are built, which is most of the cost for streams where few documents matter.
    public var interest: (@Sendable (_ key: String, _ value: String) -> YAMLDocumentInterest)?
    /// Deepest collection nesting accepted (libyaml's scanner is quadratic in flow depth, so a
    /// bound keeps hostile input fast). Kubernetes' own decoders stop at 10,000 as well.
    public var maxDepth: Int

    /// Creates a parser.
    public init(maxScalarLength: Int = 1 << 16, maxErrors: Int = 100, maxDepth: Int = 10_000) {
        self.interest = nil
        self.maxScalarLength = maxScalarLength
        self.maxErrors = maxErrors
        self.maxDepth = maxDepth
    }

    /// What a parse found besides the documents.
    public struct Outcome: Sendable {
        /// Number of documents seen (including ones that failed to parse).
        public var documentCount: Int
        /// Syntax errors, in stream order.
        public var errors: [YAMLSyntaxError]
    }

    /// Parses `source`, calling `body` for each well-formed document in order.
    public func parse(_ source: SourceBuffer, _ body: (YAMLDocument) throws -> Void) rethrows -> Outcome {
        var errors: [YAMLSyntaxError] = []
        if source.count >= 2 && ((source[0] == 0xFF && source[1] == 0xFE) || (source[0] == 0xFE && source[1] == 0xFF)) {
            errors.append(YAMLSyntaxError(mark: YAMLMark(offset: 0, line: 1, column: 1), documentNumber: 1,
                                          message: "UTF-16 input is not supported; convert the stream to UTF-8"))
            return Outcome(documentCount: 1, errors: errors)
        }
        var from = 0
        var baseLine = 0
        var documentNumber = 0
        while true {
            let pass = try parsePass(source, from: from, baseLine: baseLine, firstDocument: documentNumber, body)
            documentNumber = pass.documentCount
            errors += pass.extraErrors
            guard let error = pass.error else { break }
            errors.append(error)
            guard errors.count < maxErrors,
                  let resume = Self.resumeOffset(source, after: error.mark.offset, notBefore: from + 1) else { break }
            from = resume
            baseLine = source.lineAndColumn(of: resume).line - 1
        }
        return Outcome(documentCount: documentNumber, errors: errors)
    }

    /// The first line at or after the line of `offset` (and not before `notBefore`) that starts
    /// a new document: `---` followed by a blank or the end of the line.
    static func resumeOffset(_ source: SourceBuffer, after offset: Int, notBefore: Int) -> Int? {
        var i = source.lineStart(min(offset, source.count))
        while i < source.count {
            if i < notBefore { i = source.nextLineStart(i); continue }
            if i + 3 <= source.count && source[i] == 0x2D && source[i + 1] == 0x2D && source[i + 2] == 0x2D {
                if i + 3 == source.count { return i }
                let c = source[i + 3]
                if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { return i }
            }
            i = source.nextLineStart(i)
        }
        return nil
    }

    private struct Pass {
        var documentCount: Int
        var error: YAMLSyntaxError?
        /// Problems libyaml does not report (undefined aliases) found before the pass ended.
        var extraErrors: [YAMLSyntaxError] = []
    }

    private func parsePass(_ source: SourceBuffer, from: Int, baseLine: Int, firstDocument: Int,
                           _ body: (YAMLDocument) throws -> Void) rethrows -> Pass {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) != 0 else {
            return Pass(documentCount: firstDocument, error: YAMLSyntaxError(
                mark: YAMLMark(offset: from, line: baseLine + 1, column: 1), documentNumber: firstDocument + 1,
                message: "out of memory initializing libyaml"))
        }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_input_string(parser, source.base + from, source.count - from)
        let origin = from == 0 && source.hasUTF8BOM ? 3 : from
        var translator = MarkTranslator(base: UnsafePointer(source.base), count: source.count, origin: origin)

        var documentNumber = firstDocument
        var nodes: [YAMLNode] = []
        var arena: [UInt8] = []
        var open: [Int] = []
        var docStart = YAMLMark(offset: from, line: baseLine + 1, column: 1)
        var docExplicit = false
        var event = yaml_event_t()
        var anchors = Set<String>()
        var pendingErrors: [YAMLSyntaxError] = []
        var decided = interest == nil
        var skipping = false
        var skipDepth = 0
        var rootKey = -1

        func mark(_ m: yaml_mark_t) -> YAMLMark {
            YAMLMark(offset: translator.offset(of: Int(m.index)), line: baseLine + Int(m.line) + 1, column: Int(m.column) + 1)
        }
        func store(_ pointer: UnsafePointer<UInt8>?, _ length: Int) -> (Int32, Int32) {
            guard let pointer, length > 0 else { return (0, 0) }
            let offset = Int32(arena.count)
            arena.append(contentsOf: UnsafeBufferPointer(start: pointer, count: length))
            return (offset, Int32(length))
        }
        func storeCString(_ pointer: UnsafeMutablePointer<UInt8>?) -> (Int32, Int32) {
            guard let pointer else { return (0, 0) }
            return store(UnsafePointer(pointer), strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self)))
        }
        func addNode(kind: YAMLNodeKind, style: YAMLNodeStyle, start: yaml_mark_t, end: yaml_mark_t,
                     anchor: UnsafeMutablePointer<UInt8>?, tag: UnsafeMutablePointer<UInt8>?,
                     value: (Int32, Int32)) -> Int {
            let s = mark(start)
            let e = translator.offset(of: Int(end.index))
            let a = storeCString(anchor)
            let t = storeCString(tag)
            let hasProperties = anchor != nil || tag != nil
            if let anchor { anchors.insert(String(cString: anchor)) }
            let contentStart = hasProperties ? Self.skipProperties(source, from: s.offset, limit: e) : s.offset
            if let parent = open.last {
                nodes[parent].childCount += 1
                if parent == 0 && nodes[0].childCount % 2 == 1 { rootKey = nodes.count }
            }
            nodes.append(YAMLNode(kind: kind, style: style, hasProperties: hasProperties, start: s.offset, end: e,
                                  contentStart: contentStart, line: Int32(s.line), column: Int32(s.column),
                                  subtreeSize: 1, childCount: 0, valueOffset: value.0, valueLength: value.1,
                                  tagOffset: t.0, tagLength: t.1, anchorOffset: a.0, anchorLength: a.1))
            return nodes.count - 1
        }

        func depthError(at mark: YAMLMark) -> Pass {
            Pass(documentCount: documentNumber + 1, error: YAMLSyntaxError(
                mark: mark, documentNumber: documentNumber + 1,
                message: "collections nested deeper than \(maxDepth) levels; refusing the document"),
                 extraErrors: pendingErrors)
        }
        /// libyaml's event API does not check aliases; an alias must follow its anchor in the document.
        func checkAlias(_ anchor: UnsafeMutablePointer<UInt8>?, at mark: @autoclosure () -> YAMLMark) {
            let name = anchor.map { String(cString: $0) } ?? ""
            if !anchors.contains(name) {
                pendingErrors.append(YAMLSyntaxError(mark: mark(), documentNumber: documentNumber + 1,
                                                     message: "undefined alias *\(name): no earlier &\(name) in this document"))
            }
        }

        while true {
            guard yaml_parser_parse(parser, &event) != 0 else {
                return Pass(documentCount: documentNumber + 1,
                            error: makeError(parser, source: source, from: from, baseLine: baseLine,
                                             documentNumber: documentNumber + 1, translator: &translator),
                            extraErrors: pendingErrors)
            }
            defer { yaml_event_delete(&event) }
            if skipping && event.type != YAML_DOCUMENT_END_EVENT && event.type != YAML_STREAM_END_EVENT {
                // Skipped document: keep checking anchors, aliases and depth only.
                switch event.type {
                case YAML_SCALAR_EVENT:
                    if let anchor = event.data.scalar.anchor { anchors.insert(String(cString: anchor)) }
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let anchor = event.type == YAML_SEQUENCE_START_EVENT ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                    if let anchor { anchors.insert(String(cString: anchor)) }
                    skipDepth += 1
                    if skipDepth > maxDepth { return depthError(at: mark(event.start_mark)) }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    skipDepth -= 1
                case YAML_ALIAS_EVENT:
                    checkAlias(event.data.alias.anchor, at: mark(event.start_mark))
                default:
                    break
                }
                continue
            }
            switch event.type {
            case YAML_STREAM_START_EVENT:
                break
            case YAML_STREAM_END_EVENT:
                return Pass(documentCount: documentNumber, error: nil, extraErrors: pendingErrors)
            case YAML_DOCUMENT_START_EVENT:
                nodes.removeAll(keepingCapacity: true)
                arena.removeAll(keepingCapacity: true)
                open.removeAll(keepingCapacity: true)
                anchors.removeAll(keepingCapacity: true)
                decided = interest == nil
                skipping = false
                rootKey = -1
                docStart = mark(event.start_mark)
                docExplicit = event.data.document_start.implicit == 0
            case YAML_DOCUMENT_END_EVENT:
                documentNumber += 1
                if skipping {
                    skipping = false
                    continue
                }
                let document = YAMLDocument(number: documentNumber, start: docStart,
                                            end: translator.offset(of: Int(event.end_mark.index)),
                                            hasExplicitStart: docExplicit, nodes: nodes, arena: arena, source: source)
                try body(document)
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let style: YAMLNodeStyle
                switch scalar.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
                case YAML_LITERAL_SCALAR_STYLE: style = .literal
                case YAML_FOLDED_SCALAR_STYLE: style = .folded
                default: style = .plain
                }
                let value: (Int32, Int32) = scalar.length <= maxScalarLength
                    ? store(UnsafePointer(scalar.value), scalar.length) : (0, -1)
                let index = addNode(kind: .scalar, style: style, start: event.start_mark, end: event.end_mark,
                                    anchor: scalar.anchor, tag: scalar.tag, value: value)
                // A root-level `key: value` pair of scalars: ask whether the document is wanted.
                if !decided, open.count == 1, open[0] == 0, nodes[0].kind == .mapping,
                   nodes[0].childCount % 2 == 0, rootKey >= 0, nodes[rootKey].kind == .scalar, let interest,
                   let key = YAMLStreamParser.text(nodes[rootKey], arena), let text = YAMLStreamParser.text(nodes[index], arena) {
                    switch interest(key, text) {
                    case .keep: decided = true
                    case .skip:
                        decided = true
                        skipping = true
                        skipDepth = open.count
                    case .undecided: break
                    }
                }
            case YAML_ALIAS_EVENT:
                let name = storeCString(event.data.alias.anchor)
                let index = addNode(kind: .alias, style: .other, start: event.start_mark, end: event.end_mark,
                                    anchor: nil, tag: nil, value: name)
                checkAlias(event.data.alias.anchor, at: nodes[index].mark)
            case YAML_SEQUENCE_START_EVENT:
                let data = event.data.sequence_start
                let index = addNode(kind: .sequence, style: data.style == YAML_FLOW_SEQUENCE_STYLE ? .flow : .block,
                                    start: event.start_mark, end: event.end_mark,
                                    anchor: data.anchor, tag: data.tag, value: (0, 0))
                open.append(index)
                if open.count > maxDepth { return depthError(at: nodes[index].mark) }
            case YAML_MAPPING_START_EVENT:
                let data = event.data.mapping_start
                let index = addNode(kind: .mapping, style: data.style == YAML_FLOW_MAPPING_STYLE ? .flow : .block,
                                    start: event.start_mark, end: event.end_mark,
                                    anchor: data.anchor, tag: data.tag, value: (0, 0))
                open.append(index)
                if open.count > maxDepth { return depthError(at: nodes[index].mark) }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let index = open.removeLast()
                nodes[index].end = translator.offset(of: Int(event.end_mark.index))
                nodes[index].subtreeSize = Int32(nodes.count - index)
            default:
                break
            }
        }
    }

    static func text(_ node: YAMLNode, _ arena: [UInt8]) -> String? {
        guard node.valueLength >= 0 else { return nil }
        return arena.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(start: $0.baseAddress! + Int(node.valueOffset), count: Int(node.valueLength)), as: UTF8.self)
        }
    }

    /// Skips `&anchor` and `!tag` properties (and the blanks after them) from `offset`.
    static func skipProperties(_ source: SourceBuffer, from offset: Int, limit: Int) -> Int {
        var i = offset
        while i < limit && (source[i] == 0x26 || source[i] == 0x21) {
            while i < limit && source[i] != 0x20 && source[i] != 0x09 && source[i] != 0x0A && source[i] != 0x0D { i += 1 }
            while i < limit && (source[i] == 0x20 || source[i] == 0x09 || source[i] == 0x0A || source[i] == 0x0D) { i += 1 }
        }
        return i
    }

    private func makeError(_ parser: UnsafeMutablePointer<yaml_parser_t>, source: SourceBuffer, from: Int, baseLine: Int,
                           documentNumber: Int, translator: inout MarkTranslator) -> YAMLSyntaxError {
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) } ?? "unknown problem"
        if p.error == YAML_READER_ERROR {
            let offset = from + Int(p.problem_offset) + (from == 0 && source.hasUTF8BOM ? 3 : 0)
            let lc = source.lineAndColumn(of: offset)
            var message = problem
            if p.problem_value != -1 {
                let hex = String(p.problem_value & 0xFF, radix: 16, uppercase: true)
                message += " (byte 0x" + (hex.count < 2 ? "0" : "") + hex + ")"
            }
            if problem.contains("UTF-8") || problem.contains("control characters") {
                message += "; the stream must be UTF-8 text without NUL or control bytes"
            }
            return YAMLSyntaxError(mark: YAMLMark(offset: min(offset, source.count), line: lc.line, column: lc.column),
                                   documentNumber: documentNumber, message: message)
        }
        if p.error == YAML_MEMORY_ERROR {
            return YAMLSyntaxError(mark: YAMLMark(offset: from, line: baseLine + 1, column: 1),
                                   documentNumber: documentNumber, message: "out of memory while parsing")
        }
        var message = problem
        if let context = p.context.map({ String(cString: $0) }) {
            message = "\(context) (at \(baseLine + Int(p.context_mark.line) + 1):\(Int(p.context_mark.column) + 1)): \(problem)"
        }
        let m = p.problem_mark
        return YAMLSyntaxError(
            mark: YAMLMark(offset: translator.offset(of: Int(m.index)), line: baseLine + Int(m.line) + 1, column: Int(m.column) + 1),
            documentNumber: documentNumber, message: message)
    }
}
