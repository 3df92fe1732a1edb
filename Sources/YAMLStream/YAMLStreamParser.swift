import YAMLSource

/// Parses a multi-document YAML stream with libyaml's event API into `YAMLDocument`s, one at a time.
///
/// - Aliases are recorded and resolved to their anchors, never expanded, so alias bombs cost
///   linear time and memory.
/// - Nodes are built with an explicit stack, so nesting depth is bounded by memory, not the call stack.
/// - After a syntax error the parser resumes at the next line that starts with `---`, so one run
///   reports the problems of every document.
/// - Hostile input is bounded: nesting deeper than `maxDepth` is refused per document, and flow
///   nesting deeper than `flowDepthAllowance` is charged against `flowWorkLimit` for the whole
///   stream (libyaml's scanner does work proportional to the flow depth for every token).
/// - Scalar values longer than `maxScalarLength` bytes are not copied (see `YAMLDocument.isTruncated`).
public struct YAMLStreamParser: Sendable {
    /// Longest scalar value kept in memory, in bytes.
    public var maxScalarLength: Int
    /// How many syntax errors to report before giving up on the rest of the stream.
    public var maxErrors: Int
    /// Which documents to build; nil builds every document.
    public var filter: YAMLDocumentFilter?
    /// Deepest collection nesting accepted (Kubernetes' own decoders stop at 10,000 as well).
    public var maxDepth: Int
    /// Flow nesting up to this depth is free.
    public var flowDepthAllowance: Int
    /// Total, over the stream, of the flow depth beyond `flowDepthAllowance` at every event.
    public var flowWorkLimit: Int

    /// Creates a parser.
    public init(
        maxScalarLength: Int = 1 << 16, maxErrors: Int = 100, maxDepth: Int = 10_000,
        flowDepthAllowance: Int = 64, flowWorkLimit: Int = 100_000_000
    ) {
        self.filter = nil
        self.maxScalarLength = maxScalarLength
        self.maxErrors = maxErrors
        self.maxDepth = maxDepth
        self.flowDepthAllowance = flowDepthAllowance
        self.flowWorkLimit = flowWorkLimit
    }

    /// What a parse found besides the documents.
    public struct Outcome: Sendable {
        /// Number of documents seen (including ones that failed to parse).
        public var documentCount: Int
        /// Syntax errors, in stream order.
        public var errors: [YAMLSyntaxError]
        /// Whether parsing stopped early (after `maxErrors` errors, or a hostile-input bound), so
        /// later documents were not checked.
        public var stoppedEarly: Bool
    }

    /// Parses `source`, calling `body` for each well-formed (and wanted) document in order.
    public func parse(_ source: SourceBuffer, _ body: (YAMLDocument) throws -> Void) rethrows -> Outcome {
        try parse(source, part: StreamSplitter.Part(range: 0..<source.count, line: 1), body)
    }

    /// Parses one part of `source` (see `StreamSplitter`). Documents are numbered from 1 within
    /// the part; byte offsets, lines and columns are those of the whole stream.
    public func parse(
        _ source: SourceBuffer, part: StreamSplitter.Part,
        _ body: (YAMLDocument) throws -> Void
    ) rethrows -> Outcome {
        if part.range.lowerBound == 0, source.count >= 2,
            (source[0] == 0xFF && source[1] == 0xFE) || (source[0] == 0xFE && source[1] == 0xFF)
        {
            let error = YAMLSyntaxError(
                mark: YAMLMark(offset: 0, line: 1, column: 1), documentNumber: 1,
                message: "UTF-16 input is not supported; convert the stream to UTF-8")
            return Outcome(documentCount: 1, errors: [error], stoppedEarly: true)
        }
        var errors: [YAMLSyntaxError] = []
        var start = PassStart(
            offset: part.range.lowerBound, limit: part.range.upperBound, line: part.line, firstDocument: 0)
        var budget = FlowBudget(allowance: flowDepthAllowance, limit: flowWorkLimit)
        let lineProblems = KubectlSeparators.problems(in: source, range: part.range, limit: maxErrors)
        var lineCursor = 0
        let hints = KubectlSeparators.scalarHints(in: source, range: part.range)
        while true {
            var pass = ParsePass(parser: self, source: source, start: start, budget: budget)
            pass.lineProblems = lineProblems
            pass.lineCursor = lineCursor
            pass.hints = hints
            let result = try pass.run(body)
            budget = pass.budget
            errors += result.extraErrors
            guard let error = result.error else {
                errors += pass.takeLineProblems(before: .max, documentNumber: result.documentCount)
                return Outcome(documentCount: result.documentCount, errors: errors, stoppedEarly: false)
            }
            let resume = Self.resumeOffset(
                source, after: error.mark.offset, notBefore: start.offset + 1, limit: part.range.upperBound)
            errors += pass.takeLineProblems(before: resume ?? .max, documentNumber: error.documentNumber)
            lineCursor = pass.lineCursor
            // libyaml's error may only follow from a `---` line or byte order mark that kubectl reads
            // differently, reported just before it in the same piece: then that report says it all.
            if !Self.follows(error, lineProblems[..<lineCursor], in: source) { errors.append(error) }
            guard !result.fatal, errors.count < maxErrors, let resume else {
                return Outcome(documentCount: result.documentCount, errors: errors, stoppedEarly: resume != nil)
            }
            start = PassStart(
                offset: resume, limit: part.range.upperBound, line: source.lineAndColumn(of: resume).line,
                firstDocument: result.documentCount)
        }
    }

    /// Whether `error` comes after one of `problems` with no `---` line between them.
    static func follows(_ error: YAMLSyntaxError, _ problems: ArraySlice<StreamLineProblem>, in source: SourceBuffer)
        -> Bool
    {
        guard let last = problems.last(where: { $0.offset <= error.mark.offset }) else { return false }
        var i = KubectlSeparators.lineEnd(source, from: last.offset) + 1
        while i < error.mark.offset {
            if i + 3 <= source.count && source[i] == 0x2D && source[i + 1] == 0x2D && source[i + 2] == 0x2D {
                return false
            }
            i = KubectlSeparators.lineEnd(source, from: i) + 1
        }
        return true
    }

    /// The first line at or after the line of `offset` (and not before `notBefore`) that starts
    /// a new document: `---` followed by a blank or the end of the line.
    static func resumeOffset(_ source: SourceBuffer, after offset: Int, notBefore: Int, limit: Int) -> Int? {
        var i = source.lineStart(min(offset, limit))
        while i < limit {
            if i >= notBefore && source.isDocumentStartLine(at: i) { return i }
            i = source.nextLineStart(i)
        }
        return nil
    }
}

/// Where one libyaml pass starts: a byte range of the stream, the 1-based line of its first byte
/// and the number of documents before it.
struct PassStart {
    var offset: Int
    var limit: Int
    var line: Int
    var firstDocument: Int
}

/// The stream-wide allowance of deep flow nesting.
struct FlowBudget {
    let allowance: Int
    let limit: Int
    var spent = 0

    /// Charges one event at flow depth `depth`; false once the stream has used up its allowance.
    @inline(__always) mutating func charge(depth: Int) -> Bool {
        guard depth > allowance else { return true }
        spent += depth - allowance
        return spent <= limit
    }
}

extension SourceBuffer {
    /// Whether a line starting at `offset` is a document start marker: `---` then a blank or the end.
    package func isDocumentStartLine(at i: Int) -> Bool {
        guard i + 3 <= count, self[i] == 0x2D, self[i + 1] == 0x2D, self[i + 2] == 0x2D else { return false }
        if i + 3 == count { return true }
        let c = self[i + 3]
        return c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D
    }
}
