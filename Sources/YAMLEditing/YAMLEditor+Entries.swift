import YAMLScalars
import YAMLStream

/// Inserting a block mapping entry at a chosen position with the indentation of its siblings.
extension YAMLEditor {
    /// Inserts the line `key: valueText` into a non-empty block mapping at `position`, indented
    /// like the mapping's other entries, with the line break the file uses there.
    ///
    /// `key` and `valueText` are inserted as given: format them (e.g. with `YAMLScalarFormatter`) first.
    public mutating func insertEntry(
        _ key: String, valueText: String, into mapping: YAMLNodeID,
        at position: YAMLEntryPosition
    ) throws(YAMLEditError) {
        let node = document[mapping]
        let entries = document.entries(mapping)
        guard node.kind == .mapping, node.style == .block, let first = entries.first, let last = entries.last else {
            throw YAMLEditError(mark: node.mark, message: "not a non-empty block mapping; cannot insert an entry line")
        }
        try checkNotShared(mapping, "add an entry to", .collection)
        let indent = try indentation(ofEntriesIn: mapping)
        let line = indent + key + ": " + valueText
        switch position {
        case .last:
            try insertLine(after: last.value, text: line)
        case .after(let key):
            guard let entry = entries.first(where: { $0.key == key }) else {
                throw YAMLEditError(mark: document[key].mark, message: "is not a key of the mapping to insert into")
            }
            try insertLine(after: entry.value, text: line)
        case .first:
            let keyStart = document[first.key].start
            let lineStart = source.lineStart(keyStart)
            guard source.isBlank(lineStart..<keyStart) else {
                throw YAMLEditError(
                    mark: document[first.key].mark,
                    message: "first entry shares its line with other content; cannot insert a line before it")
            }
            let at = attachedCommentStart(above: lineStart)
            add(ByteEdit(range: at..<at, text: line + lineBreakString(at: keyStart)))
        }
    }
}
