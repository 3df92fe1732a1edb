import YAMLScalars
import YAMLStream

/// Inserting an entry whose value is a new block mapping (`key:` followed by indented
/// `child: value` lines), e.g. a missing `annotations:` under `metadata`.
extension YAMLEditor {
    /// Inserts `key:` with the block mapping `entries` into a non-empty block mapping at
    /// `position`. The new key is indented like its siblings; the children one step further,
    /// where the step is the one the mapping's own nested block mappings use (else two spaces).
    /// Each line ends with the file's line break.
    ///
    /// `key`, the child keys and the value texts are inserted as given: format them first.
    /// - Throws: `YAMLEditError` for flow or empty mappings, an empty `entries`, or entries that
    ///   share a line with other content.
    public mutating func insertBlockEntry(
        _ key: String, entries: [(key: String, valueText: String)],
        into mapping: YAMLNodeID, at position: YAMLEntryPosition
    ) throws(YAMLEditError) {
        let existing = try entriesToInsertInto(mapping)
        guard !entries.isEmpty else {
            throw YAMLEditError(mark: document[mapping].mark, message: "a new block mapping needs at least one entry")
        }
        let indent = try indentation(ofEntriesIn: mapping)
        let step = nestedStep(in: mapping, indent: indent)
        let lineBreak = lineBreakString(at: document[existing[0].key].start)
        let lines = [indent + key + ":"] + entries.map { indent + step + $0.key + ": " + $0.valueText }
        try insertLines(lines.joined(separator: lineBreak), among: existing, at: position)
    }

    /// The extra indentation of nested block mappings in `mapping` (the first one found, looking
    /// one level down), or two spaces.
    func nestedStep(in mapping: YAMLNodeID, indent: String) -> String {
        for (_, value) in document.entries(mapping) {
            let child = document.resolve(value)
            guard document[child].kind == .mapping, document[child].style == .block,
                let nested = try? indentation(ofEntriesIn: child),
                nested.count > indent.count, nested.hasPrefix(indent)
            else { continue }
            return String(nested.dropFirst(indent.count))
        }
        return "  "
    }
}
