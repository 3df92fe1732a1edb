/// Entry-level edits on top of the byte-range primitives of `YAMLEditor`: setting a value (also an
/// empty one), replacing a scalar's content while keeping its tag, and inserting an entry at a
/// chosen position with the indentation of its siblings.
extension YAMLEditor {
    /// Replaces the content of scalar or alias node `index` with `text`, keeping any tag in front of it.
    ///
    /// - Throws: `YAMLEditError` for collections, block scalars (`|`, `>`: their line layout would
    ///   change) and nodes carrying an anchor (aliases elsewhere would silently change too).
    public mutating func replaceScalarContent(_ index: Int, with text: String) throws(YAMLEditError) {
        let node = document[index]
        switch node.kind {
        case .mapping, .sequence:
            throw YAMLEditError(mark: node.mark, message: "is a collection, not a scalar; cannot replace it as a value")
        case .alias:
            add(ByteEdit(range: node.range, text: text))
        case .scalar:
            if node.style == .literal || node.style == .folded {
                throw YAMLEditError(mark: node.mark, message: "is a block scalar (| or >); write it as a one-line scalar first")
            }
            if document.anchor(index) != nil {
                throw YAMLEditError(mark: node.mark, message: "carries an anchor that aliases may use; cannot replace it in place")
            }
            add(ByteEdit(range: node.contentStart..<node.end, text: text))
        }
    }

    /// Sets the value of a mapping entry whose value node is the scalar or alias `value`.
    ///
    /// An empty value (`key:` or `key:   # comment`) gets ` text` right after the colon, so a
    /// trailing comment stays where it is; any other value is replaced by
    /// `replaceScalarContent(_:with:)`.
    public mutating func setValue(_ value: Int, to text: String) throws(YAMLEditError) {
        let node = document[value]
        if node.kind == .scalar && node.start == node.end && !node.hasProperties {
            try replace(value, with: text)  // keeps the blank after the colon
        } else {
            try replaceScalarContent(value, with: text)
        }
    }

    /// Inserts the line `key: valueText` into a non-empty block mapping at `position`, indented
    /// like the mapping's other entries, with the line break the file uses there.
    ///
    /// `key` and `valueText` are inserted as given: format them (e.g. with `YAMLScalarFormatter`) first.
    public mutating func insertEntry(_ key: String, valueText: String, into mapping: Int,
                                     at position: YAMLEntryPosition) throws(YAMLEditError) {
        let node = document[mapping]
        let entries = document.entries(mapping)
        guard node.kind == .mapping, node.style == .block, let first = entries.first, let last = entries.last else {
            throw YAMLEditError(mark: node.mark, message: "not a non-empty block mapping; cannot insert an entry line")
        }
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
                throw YAMLEditError(mark: document[first.key].mark, message: "first entry shares its line with other content; cannot insert a line before it")
            }
            let at = attachedCommentStart(above: lineStart)
            add(ByteEdit(range: at..<at, text: line + lineBreakString(at: keyStart)))
        }
    }

    /// The start of the run of comment-only lines directly above the line starting at `lineStart`
    /// (no blank line in between), or `lineStart` itself when there is none or when the run opens
    /// the stream or follows a `---` line (a header comment, not the entry's own).
    func attachedCommentStart(above lineStart: Int) -> Int {
        var at = lineStart
        while at > 0 {
            // The previous line ends with the break just before `at` (LF, CRLF or CR).
            var breakStart = at - 1
            if breakStart > 0 && source[breakStart] == 0x0A && source[breakStart - 1] == 0x0D { breakStart -= 1 }
            let previous = source.lineStart(breakStart)
            var i = previous
            while i < at && (source[i] == 0x20 || source[i] == 0x09) { i += 1 }
            guard i < at && source[i] == 0x23 else {
                // Not a comment line: content (the parent key) or a blank line ends the run,
                // unless it is a document marker, which makes the run a header.
                let isMarker = breakStart - previous >= 3 && source[previous] == 0x2D && source[previous + 1] == 0x2D
                    && source[previous + 2] == 0x2D
                return isMarker ? lineStart : at
            }
            at = previous
        }
        return lineStart
    }
}
