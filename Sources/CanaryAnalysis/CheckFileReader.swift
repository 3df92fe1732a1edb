import KServeCanaryModel
import YAMLScalars
import YAMLSource
import YAMLStream

/// Reads custom checks: `--checks FILE` (a document with a `checks:` list, or a checks ConfigMap),
/// or the `kserve-canary.io/checks` ConfigMaps next to the HelmRelease.
///
/// ```yaml
/// checks:
///   - name: predict-p99            # lower-case letters, digits and '-'
///     query: histogram_quantile(0.99, sum by (le) (rate(request_predict_seconds_bucket{
///       namespace="{{namespace}}",pod=~"{{canary}}-.*"}[{{window}}])))
///     unit: s                       # optional, for the report
///     max: 0.5                      # bounds on the canary's value (min and/or max)
///     primary:                      # and/or a comparison with the same query for the primary
///       maxRatio: 1.2               # canary <= primary x 1.2 + slack
///       slack: 0.005
///     noData: inconclusive          # or pass, fail
/// ```
///
/// The ConfigMap form (kubectl and Flux apply it like any ConfigMap, so it may live in the same
/// file as the HelmRelease): `kind: ConfigMap`, label `kserve-canary.io/checks: <HelmRelease
/// name>`, and the list above under `data."checks.yaml"`.
enum CheckFileReader {
    /// The label that marks a checks ConfigMap; its value is the HelmRelease's `metadata.name`.
    static let label = CanaryAnalysisKeys.checksLabel
    /// The ConfigMap data key holding the checks.
    static let dataKey = CanaryAnalysisKeys.checksDataKey

    /// Reads the checks file at `path`.
    static func read(path: String) throws(AnalysisError) -> [CustomCheck] {
        let source: SourceBuffer
        do { source = try SourceBuffer.read(path: path) } catch {
            throw .checks(file: path, mark: nil, message: "cannot read the checks file: \(error)")
        }
        let documents = try parse(source, file: path, lineOffset: 0, columnOffset: 0)
        guard documents.count == 1, let doc = documents.first, let root = doc.root, doc[root].kind == .mapping else {
            throw .checks(
                file: path, mark: nil,
                message: "expected one YAML document: a mapping with `checks:` or a checks ConfigMap")
        }
        if isChecksConfigMap(doc) { return try fromConfigMap(doc, file: path) }
        return try checks(in: doc, root, file: path, lineOffset: 0, columnOffset: 0)
    }

    /// The checks of every `kserve-canary.io/checks` ConfigMap in `documents` labelled for `release`.
    static func embedded(
        in documents: [YAMLDocument], release: String,
        file: String
    ) throws(AnalysisError) -> [CustomCheck] {
        var result: [CustomCheck] = []
        for doc in documents where isChecksConfigMap(doc) {
            guard let root = doc.root else { continue }
            let value = doc.value(at: ["metadata", "labels", label], from: root).flatMap(doc.scalar)
            guard value == release else { continue }
            result += try fromConfigMap(doc, file: file)
        }
        try checkUnique(result, file: file)
        return result
    }

    static func isChecksConfigMap(_ doc: YAMLDocument) -> Bool {
        guard let root = doc.root, doc[root].kind == .mapping,
            doc.value("kind", in: root).flatMap(doc.scalar) == "ConfigMap"
        else { return false }
        return doc.value(at: ["metadata", "labels", label], from: root) != nil
    }

    static func fromConfigMap(_ doc: YAMLDocument, file: String) throws(AnalysisError) -> [CustomCheck] {
        guard let root = doc.root else { return [] }
        guard let entry = doc.value(at: ["data"], from: root).flatMap({ doc.entry(dataKey, in: $0) }),
            let text = doc.scalar(doc.resolve(entry.value))
        else {
            throw .checks(
                file: file, mark: doc[root].mark,
                message: "the checks ConfigMap has no data.\"\(dataKey)\" string")
        }
        let node = doc[doc.resolve(entry.value)]
        // A literal block scalar keeps lines: map positions back into the file.
        let literal = node.style == .literal
        let indent = literal ? firstContentIndent(doc, node) : 0
        let inner = try parse(
            SourceBuffer(text), file: file, lineOffset: literal ? node.line : 0,
            columnOffset: indent, context: literal ? nil : node.mark)
        guard inner.count == 1, let root = inner[0].root, inner[0][root].kind == .mapping else {
            throw .checks(
                file: file, mark: node.mark,
                message: "data.\"\(dataKey)\" must hold one mapping with `checks:`")
        }
        return try checks(
            in: inner[0], root, file: file, lineOffset: literal ? Int(node.line) : 0,
            columnOffset: indent, context: literal ? nil : node.mark)
    }

    static func firstContentIndent(_ doc: YAMLDocument, _ node: YAMLNode) -> Int {
        let source = doc.source
        var i = node.contentStart
        while i < node.end && source[i] != 0x0A { i += 1 }
        i += 1
        var n = 0
        while i + n < node.end && source[i + n] == 0x20 { n += 1 }
        return n
    }

    static func parse(
        _ source: SourceBuffer, file: String, lineOffset: Int32, columnOffset: Int,
        context: YAMLMark? = nil
    ) throws(AnalysisError) -> [YAMLDocument] {
        var documents: [YAMLDocument] = []
        let outcome = YAMLStreamParser().parse(source) { documents.append($0) }
        if let error = outcome.errors.first {
            throw .checks(
                file: file, mark: Located.mark(error.mark, Int(lineOffset), columnOffset, context),
                message: "YAML syntax error: \(error.message)")
        }
        return documents.filter { doc in doc.root.map { !doc.isNull($0) } ?? false }
    }

    static func checks(
        in doc: YAMLDocument, _ root: YAMLNodeID, file: String, lineOffset: Int, columnOffset: Int,
        context: YAMLMark? = nil
    ) throws(AnalysisError) -> [CustomCheck] {
        let at = Located(doc: doc, file: file, lineOffset: lineOffset, columnOffset: columnOffset, context: context)
        try at.onlyKeys(root, ["checks"])
        guard let list = doc.value("checks", in: root), doc[list].kind == .sequence else {
            throw at.error(root, "expected `checks:` with a list of checks")
        }
        var result: [CustomCheck] = []
        for item in doc.children(list) {
            let node = doc.resolve(item)
            guard doc[node].kind == .mapping else { throw at.error(item, "a check must be a mapping") }
            result.append(try CheckParser(at: at, node: node).check())
        }
        try checkUnique(result, file: file)
        return result
    }

    static func checkUnique(_ checks: [CustomCheck], file: String) throws(AnalysisError) {
        var seen: Set<String> = []
        for c in checks where !seen.insert(c.name).inserted {
            throw .checks(file: file, mark: nil, message: "two checks are named \(c.name)")
        }
    }
}

/// Positions in a checks document, mapped back into the file that holds it.
struct Located {
    let doc: YAMLDocument
    let file: String
    let lineOffset: Int
    let columnOffset: Int
    let context: YAMLMark?

    static func mark(_ m: YAMLMark, _ lineOffset: Int, _ columnOffset: Int, _ context: YAMLMark?) -> YAMLMark {
        if let context { return context }
        return YAMLMark(offset: m.offset, line: m.line + lineOffset, column: m.column + columnOffset)
    }

    func error(_ node: YAMLNodeID, _ message: String) -> AnalysisError {
        .checks(file: file, mark: Self.mark(doc[node].mark, lineOffset, columnOffset, context), message: message)
    }

    func onlyKeys(_ mapping: YAMLNodeID, _ allowed: [String]) throws(AnalysisError) {
        for (key, _) in doc.entries(mapping) {
            let name = doc.scalar(key) ?? ""
            guard allowed.contains(name) else {
                throw error(key, "unknown key `\(name)`; expected " + allowed.joined(separator: ", "))
            }
        }
    }
}
