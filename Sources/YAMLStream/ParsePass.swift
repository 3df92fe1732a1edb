import CYAML
import YAMLScalars
import YAMLSource

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One run of libyaml over a byte range of the stream, until its end or the first syntax error.
///
/// Each libyaml event goes to one named step (`startDocument`, `endDocument`, `addScalar`, ...);
/// documents the filter skips go to `skip(_:)`, which only checks anchors, aliases and depth.
struct ParsePass {
    /// How a pass ended.
    struct Result {
        var documentCount: Int
        var error: YAMLSyntaxError?
        /// Problems libyaml does not report (undefined aliases) found before the pass ended.
        var extraErrors: [YAMLSyntaxError] = []
        /// The error ends the whole stream (a stream-wide bound), not just this pass.
        var fatal = false
    }

    enum Action {
        case next
        case deliver(YAMLDocument)
        case reparse(PassStart, number: Int)
        case finish(Result)
    }

    let settings: YAMLStreamParser
    let source: SourceBuffer
    let start: PassStart
    var budget: FlowBudget
    var filter: YAMLDocumentFilter?
    var builder: DocumentBuilder
    var translator: MarkTranslator
    var documentNumber: Int
    var pendingErrors: [YAMLSyntaxError] = []
    var flowDepth = 0
    /// Whether this pass checks the stream as kubectl reads it (not when a document is read again).
    var checksStream = true
    /// Whether the part holds `\/` and `?` at all (`KubectlSeparators.scalarHints`): scalars are
    /// checked only then.
    var hints = KubectlSeparators.ScalarHints()
    /// The part's `---` lines that kubectl and libyaml read differently (`KubectlSeparators`),
    /// reported with the document they fall in; `lineCursor` is the first one not yet reported.
    var lineProblems: [StreamLineProblem] = []
    var lineCursor = 0
    /// The current document reads differently in kubectl (a check above failed): not delivered.
    var docRefused = false
    // The current document.
    var docStart: YAMLMark
    var docExplicit = false
    var docHasDirectives = false
    var previousEnd: YAMLMark
    var decided = false
    // A skipped document.
    var skipping = false
    var decidingKey = ""
    var reconsider = false
    var skipDepth = 0
    var skipRootChildren = 0
    var skipAnchors = Set<String>()

    init(parser: YAMLStreamParser, source: SourceBuffer, start: PassStart, budget: FlowBudget) {
        self.settings = parser
        self.source = source
        self.start = start
        self.budget = budget
        self.filter = parser.filter
        self.builder = DocumentBuilder(maxScalarLength: parser.maxScalarLength)
        let origin = start.offset == 0 && source.hasUTF8BOM ? 3 : start.offset
        self.translator = MarkTranslator(base: UnsafePointer(source.base), count: source.count, origin: origin)
        self.documentNumber = start.firstDocument
        let mark = YAMLMark(offset: start.offset, line: start.line, column: 1)
        self.docStart = mark
        self.previousEnd = mark
    }

    /// Parses until the end of the range or the first error, handing wanted documents to `body`.
    mutating func run(_ body: (YAMLDocument) throws -> Void) rethrows -> Result {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) != 0 else {
            return Result(
                documentCount: documentNumber,
                error: YAMLSyntaxError(
                    mark: docStart, documentNumber: documentNumber + 1,
                    message: "out of memory initializing libyaml"), fatal: true)
        }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_input_string(parser, source.base + start.offset, source.parseEnd(start.limit) - start.offset)
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) != 0 else {
                return Result(documentCount: documentNumber + 1, error: makeError(parser), extraErrors: pendingErrors)
            }
            let action = handle(&event)
            yaml_event_delete(&event)
            switch action {
            case .next: continue
            case .deliver(let document): try body(document)
            case .reparse(let range, let number): try reparse(range, number: number, body)
            case .finish(let result): return result
            }
        }
    }

    mutating func handle(_ event: inout yaml_event_t) -> Action {
        if event.type == YAML_SEQUENCE_START_EVENT || event.type == YAML_MAPPING_START_EVENT {
            let flow =
                event.type == YAML_SEQUENCE_START_EVENT
                ? event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                : event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
            if flow || flowDepth > 0 { flowDepth += 1 }
        }
        if flowDepth > 0 && !budget.charge(depth: flowDepth) {
            var result = failure(
                at: mark(event.start_mark),
                "flow collections ([...], {...}) nest deeper than "
                    + "\(settings.flowDepthAllowance) levels too often in this stream; refusing it")
            result.fatal = true
            return .finish(result)
        }
        if event.type == YAML_SEQUENCE_END_EVENT || event.type == YAML_MAPPING_END_EVENT, flowDepth > 0 {
            flowDepth -= 1
        }
        if event.type == YAML_SCALAR_EVENT && hints.any { checkScalar(&event) }
        if skipping && event.type != YAML_DOCUMENT_END_EVENT && event.type != YAML_STREAM_END_EVENT {
            return skip(&event)
        }
        switch event.type {
        case YAML_STREAM_END_EVENT:
            return .finish(Result(documentCount: documentNumber, extraErrors: pendingErrors))
        case YAML_DOCUMENT_START_EVENT:
            startDocument(event)
        case YAML_DOCUMENT_END_EVENT:
            return endDocument(event)
        case YAML_SCALAR_EVENT:
            addScalar(event)
        case YAML_ALIAS_EVENT:
            addAlias(event)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            return openCollection(event)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            builder.closeCollection(end: translator.offset(of: Int(event.end_mark.index)))
        default:
            break
        }
        return .next
    }

    // MARK: - Steps

    mutating func startDocument(_ event: yaml_event_t) {
        builder.reset()
        decided = filter == nil
        skipping = false
        reconsider = false
        docStart = mark(event.start_mark)
        docExplicit = event.data.document_start.implicit == 0
        let directives = event.data.document_start
        docHasDirectives =
            directives.version_directive != nil
            || directives.tag_directives.start != directives.tag_directives.end
        docRefused = false
        if checksStream { checkDocumentStart() }
    }

    mutating func endDocument(_ event: yaml_event_t) -> Action {
        documentNumber += 1
        let end = mark(event.end_mark)
        if lineCursor < lineProblems.count && lineProblems[lineCursor].offset < end.offset {
            pendingErrors += takeLineProblems(before: end.offset, documentNumber: documentNumber)
            docRefused = true
        }
        defer { previousEnd = end }
        if skipping {
            skipping = false
            guard reconsider, !docRefused else { return .next }
            // Read the document again, this time building it: the reparse starts at its `---`
            // line, or where the previous document ended when directives or an implicit start
            // come before it.
            let from = docExplicit && !docHasDirectives ? docStart : previousEnd
            if let patterns = filter?.reconsiderOnlyIfContains, !patterns.isEmpty,
                !documentContains(patterns, from: from.offset)
            {
                return .next
            }
            return .reparse(
                PassStart(
                    offset: from.offset, limit: end.offset, line: from.line,
                    firstDocument: documentNumber - 1), number: documentNumber)
        }
        if docRefused { return .next }
        return .deliver(
            builder.document(
                number: documentNumber, start: docStart, end: end.offset,
                explicit: docExplicit, source: source))
    }

    mutating func addScalar(_ event: yaml_event_t) {
        let scalar = event.data.scalar
        let style = YAMLNodeStyle(scalar.style)
        let awaitingValue = !decided && builder.awaitsRootValue
        let value = builder.storeScalar(UnsafePointer(scalar.value), scalar.length)
        let index = add(.scalar, style, event, anchor: scalar.anchor, tag: scalar.tag, value: value)
        guard awaitingValue, let filter, let key = builder.text(builder.rootKey), let text = builder.text(index) else {
            return
        }
        var decision = filter.decide(key, text)
        if case .keepIfContains(let patterns) = decision {
            decision = documentContains(patterns, from: docStart.offset) ? .keep : .skip
        }
        switch decision {
        case .keep, .keepIfContains:
            decided = true
        case .skip:
            decided = true
            skipping = true
            decidingKey = key
            skipDepth = 1
            skipRootChildren = 0
            skipAnchors.removeAll(keepingCapacity: true)
            builder.anchorNames(into: &skipAnchors)
        case .undecided:
            break
        }
    }

    mutating func addAlias(_ event: yaml_event_t) {
        let anchor = event.data.alias.anchor
        let nameBytes = builder.storeScalar(
            UnsafePointer(anchor), anchor.map { strlen(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) } ?? 0)
        let index = add(.alias, .other, event, anchor: nil, tag: nil, value: nameBytes)
        let name = anchor.map { String(cString: $0) } ?? ""
        if !builder.resolveAlias(at: index, name: name) {
            undefinedAlias(name, at: builder.nodes[index].mark)
        }
    }

    mutating func openCollection(_ event: yaml_event_t) -> Action {
        let isSequence = event.type == YAML_SEQUENCE_START_EVENT
        let data =
            isSequence
            ? (event.data.sequence_start.anchor, event.data.sequence_start.tag)
            : (event.data.mapping_start.anchor, event.data.mapping_start.tag)
        let flow =
            isSequence
            ? event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
            : event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
        let index = add(
            isSequence ? .sequence : .mapping, flow ? .flow : .block, event,
            anchor: data.0, tag: data.1, value: (0, 0))
        builder.openCollection(index)
        if builder.depth > settings.maxDepth { return .finish(depthFailure(at: builder.nodes[index].mark)) }
        return .next
    }

    mutating func add(
        _ kind: YAMLNodeKind, _ style: YAMLNodeStyle, _ event: yaml_event_t,
        anchor: UnsafeMutablePointer<UInt8>?, tag: UnsafeMutablePointer<UInt8>?,
        value: (Int32, Int32)
    ) -> Int {
        let start = mark(event.start_mark)
        let end = translator.offset(of: Int(event.end_mark.index))
        let contentStart =
            anchor != nil || tag != nil ? Self.skipProperties(source, from: start.offset, limit: end) : start.offset
        return builder.add(
            kind: kind, style: style, start: start, end: end, anchor: anchor, tag: tag,
            value: value, contentStart: contentStart)
    }

    mutating func mark(_ m: yaml_mark_t) -> YAMLMark {
        YAMLMark(offset: translator.offset(of: Int(m.index)), line: start.line + Int(m.line), column: Int(m.column) + 1)
    }
}

extension YAMLNodeStyle {
    /// The style of a libyaml scalar event (`YAML_ANY_SCALAR_STYLE` is plain).
    package init(_ style: yaml_scalar_style_t) {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: self = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: self = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: self = .literal
        case YAML_FOLDED_SCALAR_STYLE: self = .folded
        default: self = .plain
        }
    }
}
