import YAMLSource
import YAMLStream
import YAMLValues

/// Parsing helpers for the YAML layer's tests.
enum TestDocuments {
    /// The documents of `text` and the parse outcome.
    static func parse(_ text: String, parser: YAMLStreamParser = YAMLStreamParser()) -> (
        [YAMLDocument], YAMLStreamParser.Outcome
    ) {
        var docs: [YAMLDocument] = []
        let outcome = parser.parse(SourceBuffer(text)) { docs.append($0) }
        return (docs, outcome)
    }

    /// The first document of `text`.
    static func first(_ text: String) -> YAMLDocument? { parse(text).0.first }
}

extension YAMLDocument {
    /// Follows mapping keys from the root the way kubectl reads them.
    func node(_ path: String...) -> YAMLNodeID? {
        guard let root else { return nil }
        if path.isEmpty { return root }
        return (try? lookup(path, from: root))?.value
    }

    /// The entry at `path` from the root.
    func entryAt(_ path: String...) -> YAMLEntry? {
        guard let root else { return nil }
        return try? lookup(path, from: root)
    }
}
