/// Plans minimal, layout-preserving edits to one document.
///
/// Every operation touches only the bytes it must: a scalar's own range, or whole lines of a block
/// collection entry. When the layout does not allow that (flow collections, several entries on one
/// line, anchors that aliases depend on) it throws `YAMLEditError`, and callers may rewrite the
/// enclosing node with `flowText(_:replacing:)` instead.
public struct YAMLEditor {
    /// The document being edited.
    public let document: YAMLDocument
    /// The edits planned so far.
    public private(set) var edits: [ByteEdit] = []

    var source: SourceBuffer { document.source }

    /// Starts planning edits to `document`.
    public init(_ document: YAMLDocument) { self.document = document }

    /// Adds an edit computed elsewhere.
    public mutating func add(_ edit: ByteEdit) { edits.append(edit) }

    // MARK: - Scalars and whole nodes

    /// Replaces node `index` (properties included) with `text`.
    public mutating func replace(_ index: Int, with text: String) throws(YAMLEditError) {
        let node = document[index]
        if document.containsAnchor(index) {
            throw YAMLEditError(mark: node.mark, message: "value carries an anchor that aliases may use; cannot replace it in place")
        }
        if node.isBlockCollection {
            // A block collection's range runs to the next token; keep the trailing line break.
            let end = try lineEndAfter(index)
            edits.append(ByteEdit(range: node.start..<end, text: text + lineBreakString(at: node.start)))
        } else if node.start == node.end && node.start > 0
                    && ![0x20, 0x09, 0x0A, 0x0D].contains(source[node.start - 1]) {
            // An empty (null) value right after `key:` or `-`: keep the separating blank.
            edits.append(ByteEdit(range: node.range, text: " " + text))
        } else {
            edits.append(ByteEdit(range: node.range, text: text))
        }
    }

    // MARK: - Block mappings

    /// Removes the entry `key`/`value` of a block mapping, whole lines only.
    public mutating func removeEntry(key: Int, value: Int) throws(YAMLEditError) {
        let keyNode = document[key]
        let lineStart = source.lineStart(keyNode.start)
        guard source.isBlank(lineStart..<keyNode.start) else {
            throw YAMLEditError(mark: keyNode.mark, message: "entry shares its line with other content; cannot remove it line by line")
        }
        if document.containsAnchor(key) || document.containsAnchor(value) {
            throw YAMLEditError(mark: keyNode.mark, message: "entry carries an anchor that aliases may use; cannot remove it")
        }
        let end = try lineEndAfter(value)
        edits.append(ByteEdit(range: lineStart..<end, replacement: []))
    }

    /// Appends `key: value` (single-line `valueText`) after the last entry of a block mapping.
    public mutating func appendEntry(to mapping: Int, key: String, valueText: String) throws(YAMLEditError) {
        try insertEntry(key, valueText: valueText, into: mapping, at: .last)
    }

    // MARK: - Block sequences

    /// Removes one item of a block sequence, whole lines only.
    public mutating func removeItem(_ item: Int) throws(YAMLEditError) {
        let node = document[item]
        let dash = try dashOffset(of: item)
        let lineStart = source.lineStart(dash)
        guard source.isBlank(lineStart..<dash) else {
            throw YAMLEditError(mark: node.mark, message: "sequence item shares its line with other content; cannot remove it line by line")
        }
        if document.containsAnchor(item) {
            throw YAMLEditError(mark: node.mark, message: "item carries an anchor that aliases may use; cannot remove it")
        }
        edits.append(ByteEdit(range: lineStart..<(try lineEndAfter(item)), replacement: []))
    }

    /// Appends `- itemText` after the last item of a non-empty block sequence.
    public mutating func appendItem(to sequence: Int, itemText: String) throws(YAMLEditError) {
        let node = document[sequence]
        let items = document.children(sequence)
        guard node.kind == .sequence, node.style == .block, let first = items.first, let last = items.last else {
            throw YAMLEditError(mark: node.mark, message: "not a non-empty block sequence; cannot append an item line")
        }
        let dash = try dashOffset(of: first)
        let lineStart = source.lineStart(dash)
        guard source.isBlank(lineStart..<dash) else {
            throw YAMLEditError(mark: document[first].mark, message: "sequence item shares its line with other content; cannot append line by line")
        }
        try insertLine(after: last, text: source.text(lineStart..<dash) + "- " + itemText)
    }

    // MARK: - Layout helpers

    /// The offset just past the line that node `index` ends on, when only blanks or a comment
    /// follow it there. Block collections and block scalars end at the start of a later line.
    public func lineEndAfter(_ index: Int) throws(YAMLEditError) -> Int {
        let node = document[index]
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
            throw YAMLEditError(mark: node.mark, message: "more content follows on the same line; cannot edit it line by line")
        }
        return source.nextLineStart(end)
    }

    /// The indentation (as text) of the entries of a block mapping.
    public func indentation(ofEntriesIn mapping: Int) throws(YAMLEditError) -> String {
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
                throw YAMLEditError(mark: document[first.key].mark, message: "cannot tell the indentation of this mapping")
            }
            prefix += b == 0x09 ? "\t" : " "
        }
        return prefix
    }

    /// The offset of the `-` that introduces a block sequence item.
    func dashOffset(of item: Int) throws(YAMLEditError) -> Int {
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

    mutating func insertLine(after node: Int, text: String) throws(YAMLEditError) {
        let at = try lineEndAfter(node)
        let lineBreak = lineBreakString(at: document[node].start)
        if at == source.count && at > 0 && source[at - 1] != 0x0A && source[at - 1] != 0x0D {
            edits.append(ByteEdit(range: at..<at, text: lineBreak + text))
        } else {
            edits.append(ByteEdit(range: at..<at, text: text + lineBreak))
        }
    }

    // MARK: - Flow rendering

    /// Writes node `index` in flow style, on one line, reusing source text wherever that is valid
    /// inside `[...]`/`{...}`. `replacing` substitutes the flow text of given nodes (nil drops a
    /// mapping entry whose value, or sequence item, is listed). `appending` adds `key: value`
    /// texts (mappings) or item texts (sequences, key nil) at the end.
    public func flowText(_ index: Int, replacing: [Int: String?] = [:], appending: [(key: String?, value: String)] = [],
                         depth: Int = 0) throws(YAMLEditError) -> String {
        let node = document[index]
        if depth > 200 {
            throw YAMLEditError(mark: node.mark, message: "too deeply nested to rewrite in flow style")
        }
        let properties = node.hasProperties ? source.text(node.start..<node.contentStart).trimmingBlanks() + " " : ""
        switch node.kind {
        case .alias:
            return document.sourceText(index)
        case .scalar:
            if node.style == .singleQuoted || node.style == .doubleQuoted,
               !source.containsLineBreak(node.contentStart..<node.end) {
                return document.sourceText(index)
            }
            guard let value = document.scalar(index) else {
                throw YAMLEditError(mark: node.mark, message: "scalar too long to rewrite")
            }
            if node.style == .plain {
                // Keep what a plain scalar resolves to: numbers, booleans (YAML 1.1 `yes`/`off` too), nulls.
                if value.isEmpty { return properties + "null" }
                if YAMLScalarFormatter.looksNumeric(value) || YAMLScalarFormatter.reserved.contains(value) {
                    return properties + value
                }
            }
            return properties + YAMLScalarFormatter.string(value, flow: true)
        case .sequence, .mapping:
            var parts: [String] = []
            let children = document.children(index)
            if node.kind == .sequence {
                for child in children {
                    if let replacement = replacing[child] {
                        if let replacement { parts.append(replacement) }
                    } else {
                        parts.append(try flowText(child, depth: depth + 1))
                    }
                }
                parts += appending.map(\.value)
                return properties + "[" + parts.joined(separator: ", ") + "]"
            }
            for (key, value) in document.entries(index) {
                if let replacement = replacing[value] {
                    if let replacement { parts.append(try flowText(key, depth: depth + 1) + ": " + replacement) }
                } else {
                    parts.append(try flowText(key, depth: depth + 1) + ": " + (try flowText(value, depth: depth + 1)))
                }
            }
            parts += appending.map { ($0.key ?? "") + ": " + $0.value }
            return properties + "{" + parts.joined(separator: ", ") + "}"
        }
    }

}

extension String {
    func trimmingBlanks() -> String {
        var s = Substring(self)
        while let c = s.last, c == " " || c == "\t" || c == "\n" || c == "\r" { s = s.dropLast() }
        return String(s)
    }
}

extension SourceBuffer {
    func containsLineBreak(_ range: Range<Int>) -> Bool {
        for i in range where self[i] == 0x0A || self[i] == 0x0D { return true }
        return false
    }
}
