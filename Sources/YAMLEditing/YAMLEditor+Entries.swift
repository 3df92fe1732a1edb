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
        let entries = try entriesToInsertInto(mapping)
        let indent = try indentation(ofEntriesIn: mapping)
        try insertLines(indent + key + ": " + valueText, among: entries, at: position)
    }

    /// The entries of `mapping`, which must be a non-empty block mapping that no alias shares.
    func entriesToInsertInto(_ mapping: YAMLNodeID) throws(YAMLEditError) -> [(key: YAMLNodeID, value: YAMLNodeID)] {
        let node = document[mapping]
        let entries = document.entries(mapping)
        guard node.kind == .mapping, node.style == .block, !entries.isEmpty else {
            throw YAMLEditError(mark: node.mark, message: "not a non-empty block mapping; cannot insert an entry line")
        }
        try checkNotShared(mapping, "add an entry to", .collection)
        return entries
    }

    /// Inserts `text` (whole lines, without the last line break) among a block mapping's
    /// non-empty `entries`: after the last value, after a key's value, or before the first key
    /// (above the comment lines attached to it), ending it with the file's line break there.
    mutating func insertLines(
        _ text: String, among entries: [(key: YAMLNodeID, value: YAMLNodeID)], at position: YAMLEntryPosition
    ) throws(YAMLEditError) {
        switch position {
        case .last:
            try insertLine(after: entries[entries.count - 1].value, text: text)
        case .after(let key):
            guard let entry = entries.first(where: { $0.key == key }) else {
                throw YAMLEditError(mark: document[key].mark, message: "is not a key of the mapping to insert into")
            }
            try insertLine(after: entry.value, text: text)
        case .first:
            let keyStart = document[entries[0].key].start
            let lineStart = source.lineStart(keyStart)
            guard source.isBlank(lineStart..<keyStart) else {
                throw YAMLEditError(
                    mark: document[entries[0].key].mark,
                    message: "first entry shares its line with other content; cannot insert a line before it")
            }
            let at = attachedCommentStart(above: lineStart)
            add(ByteEdit(range: at..<at, text: text + lineBreakString(at: keyStart)))
        }
    }
}
