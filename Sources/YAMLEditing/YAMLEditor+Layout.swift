import YAMLStream

/// Where lines, indentation and sequence dashes are, for the line-level edits of `YAMLEditor`.
extension YAMLEditor {
    /// The offset just past the line that node `id` ends on, when only blanks or a comment
    /// follow it there. Block collections and block scalars end at the start of a later line.
    public func lineEndAfter(_ id: YAMLNodeID) throws(YAMLEditError) -> Int {
        let node = document[id]
        var end = node.end
        let lineStart = source.lineStart(end)
        if end > node.start && (end == lineStart || source.isBlank(lineStart..<end)) && lineStart > node.start {
            return lineStart
        }
        while end < source.count && (source[end] == 0x20 || source[end] == 0x09) { end += 1 }
        if end < source.count && source[end] == 0x23 {
            while end < source.count && source[end] != 0x0A && source[end] != 0x0D { end += 1 }
        }
        if end == source.count { return end }
        guard source[end] == 0x0A || source[end] == 0x0D else {
            throw YAMLEditError(
                mark: node.mark, message: "more content follows on the same line; cannot edit it line by line")
        }
        return source.nextLineStart(end)
    }

    /// The indentation (as text) of the entries of a block mapping.
    public func indentation(ofEntriesIn mapping: YAMLNodeID) throws(YAMLEditError) -> String {
        let entries = document.entries(mapping)
        for (key, _) in entries {
            let start = document[key].start
            let lineStart = source.lineStart(start)
            if source.isBlank(lineStart..<start) { return source.text(lineStart..<start) }
        }
        guard let first = entries.first else {
            throw YAMLEditError(mark: document[mapping].mark, message: "empty mapping")
        }
        // Only entry sits after a `- ` on its line: indent to the same column with spaces.
        let start = document[first.key].start
        let lineStart = source.lineStart(start)
        var prefix = ""
        for i in lineStart..<start {
            let b = source[i]
            guard b == 0x20 || b == 0x09 || b == 0x2D else {
                throw YAMLEditError(
                    mark: document[first.key].mark, message: "cannot tell the indentation of this mapping")
            }
            prefix += b == 0x09 ? "\t" : " "
        }
        return prefix
    }

    /// The offset of the `-` that introduces a block sequence item.
    func dashOffset(of item: YAMLNodeID) throws(YAMLEditError) -> Int {
        var i = document[item].start - 1
        while i >= 0 && (source[i] == 0x20 || source[i] == 0x09 || source[i] == 0x0A || source[i] == 0x0D) { i -= 1 }
        guard i >= 0 && source[i] == 0x2D else {
            throw YAMLEditError(mark: document[item].mark, message: "cannot find the `-` of this sequence item")
        }
        return i
    }

    /// The line break used around `offset`, as a string.
    public func lineBreakString(at offset: Int) -> String {
        String(decoding: source.lineBreak(at: offset), as: UTF8.self)
    }

    /// Inserts the line `text` after the line node `id` ends on.
    mutating func insertLine(after id: YAMLNodeID, text: String) throws(YAMLEditError) {
        let at = try lineEndAfter(id)
        let lineBreak = lineBreakString(at: document[id].start)
        if at == source.count && at > 0 && source[at - 1] != 0x0A && source[at - 1] != 0x0D {
            add(ByteEdit(range: at..<at, text: lineBreak + text))
        } else {
            add(ByteEdit(range: at..<at, text: text + lineBreak))
        }
    }

    /// The start of the run of comment-only lines directly above the line starting at `lineStart`
    /// (no blank line in between), or `lineStart` itself when there is none or when the run opens
    /// the stream or follows a `---` line (a header comment, not the entry's own).
    func attachedCommentStart(above lineStart: Int) -> Int {
        var at = lineStart
        while at > source.textStart {
            // The previous line ends with the break just before `at` (LF, CRLF or CR).
            var breakStart = at - 1
            if breakStart > 0 && source[breakStart] == 0x0A && source[breakStart - 1] == 0x0D { breakStart -= 1 }
            let previous = source.lineStart(breakStart)
            var i = previous
            while i < at && (source[i] == 0x20 || source[i] == 0x09) { i += 1 }
            guard i < at && source[i] == 0x23 else {
                // Not a comment line: content (the parent key) or a blank line ends the run,
                // unless it is a document marker, which makes the run a header.
                return source.isDocumentStartLine(at: previous) ? lineStart : at
            }
            at = previous
        }
        return lineStart
    }
}
