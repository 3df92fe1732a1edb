import Platform
import YAMLScalars
import YAMLSource
import YAMLStream

/// Reads YAML into `YAMLValue`s exactly as kubectl and Helm do (sigs.k8s.io/yaml over go-yaml v2):
/// YAML 1.1 scalars (`YAMLScalarResolver`), aliases expanded, `<<` merge keys and repeated keys
/// applied in order (see `YAMLDocument.semanticEntries(_:)`), mapping keys turned into JSON strings.
public enum YAMLValueReader {
    /// Most nodes one document may expand to (aliases included), so alias bombs fail fast.
    public static let maxExpandedNodes = 2_000_000
    /// Deepest nesting read (the parser's bound; aliases count as a level).
    public static let maxDepth = 10_050

    /// The non-empty documents of a stream, in order.
    /// - Throws: `YAMLValueError` for the first syntax error or unreadable value.
    public static func documents(_ source: SourceBuffer) throws(YAMLValueError) -> [YAMLValue] {
        try numberedDocuments(source).map(\.value)
    }

    /// The non-empty documents of a stream with their 1-based document numbers.
    public static func numberedDocuments(_ source: SourceBuffer) throws(YAMLValueError) -> [(
        number: Int, value: YAMLValue
    )] {
        try DeepStack.run { () -> Result<[(number: Int, value: YAMLValue)], YAMLValueError> in
            do throws(YAMLValueError) { return .success(try readDocuments(source)) } catch { return .failure(error) }
        }.get()
    }

    private static func readDocuments(_ source: SourceBuffer) throws(YAMLValueError) -> [(
        number: Int, value: YAMLValue
    )] {
        var result: [(number: Int, value: YAMLValue)] = []
        var failure: YAMLValueError?
        let outcome = YAMLStreamParser(maxScalarLength: Int(Int32.max)).parse(source) { doc in
            guard failure == nil, doc.root != nil else { return }
            do throws(YAMLValueError) {
                let value = try self.value(of: doc)
                if !value.isNull { result.append((doc.number, value)) }
            } catch {
                failure = error
            }
        }
        if let error = outcome.errors.first {
            throw YAMLValueError(mark: error.mark, documentNumber: error.documentNumber, message: error.message)
        }
        if let failure { throw failure }
        return result
    }

    /// The documents of `text`.
    public static func documents(_ text: String) throws(YAMLValueError) -> [YAMLValue] {
        try documents(SourceBuffer(text))
    }

    /// The value of one parsed document (`.null` when it is empty).
    public static func value(of doc: YAMLDocument) throws(YAMLValueError) -> YAMLValue {
        guard let root = doc.root else { return .null }
        return try value(of: root, in: doc)
    }

    /// The value of the subtree at `node`.
    public static func value(of node: YAMLNodeID, in doc: YAMLDocument) throws(YAMLValueError) -> YAMLValue {
        var budget = maxExpandedNodes
        return try convert(doc, node, budget: &budget, depth: 0)
    }

    /// What an untagged plain scalar means (the one resolver, as a value).
    public static func resolvePlain(_ text: String) -> YAMLValue {
        YAMLValue(YAMLScalarResolver.resolvePlain(text))
    }

    static func convert(_ doc: YAMLDocument, _ id: YAMLNodeID, budget: inout Int, depth: Int) throws(YAMLValueError)
        -> YAMLValue
    {
        budget -= 1
        guard budget > 0 else {
            throw YAMLValueError(
                mark: doc[id].mark, documentNumber: doc.number,
                message: "the document expands to more than \(maxExpandedNodes) nodes (aliases); refusing it")
        }
        guard depth < maxDepth else {
            throw YAMLValueError(
                mark: doc[id].mark, documentNumber: doc.number, message: "nesting deeper than \(maxDepth) levels")
        }
        let node = doc[id]
        switch node.kind {
        case .alias:
            let target = doc.resolve(id)
            guard target != id else {
                throw YAMLValueError(
                    mark: node.mark, documentNumber: doc.number, message: "undefined alias *\(doc.aliasName(id) ?? "")")
            }
            return try convert(doc, target, budget: &budget, depth: depth + 1)
        case .scalar:
            return YAMLValue(try doc.scalarValue(id))
        case .sequence:
            var items: [YAMLValue] = []
            for child in doc.children(id) { items.append(try convert(doc, child, budget: &budget, depth: depth + 1)) }
            return .list(items)
        case .mapping:
            var map = YAMLMap()
            for (key, entry) in try doc.semanticEntries(id) {
                map[key] = try convert(doc, entry.written, budget: &budget, depth: depth + 1)
            }
            return .map(map)
        }
    }
}
