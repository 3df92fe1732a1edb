import YAMLScalars
import YAMLSource
import YAMLStream

/// Rewriting a node in flow style, for edits inside flow collections (`[...]`, `{...}`), which
/// cannot be changed line by line.
extension YAMLEditor {
    /// Writes node `id` in flow style, on one line, so that every value reads back as it did:
    /// source text is reused where it is valid inside `[...]`/`{...}`, other scalars are written
    /// so that they resolve to the same value. `replacing` substitutes the flow text of given nodes
    /// (nil drops a mapping entry whose value, or a sequence item, is listed). `appending` adds
    /// `key: value` texts (mappings) or item texts (sequences, key nil) at the end.
    ///
    /// - Throws: `YAMLEditError` when the rewrite would lose something: a comment inside the
    ///   node, a scalar too long to keep, or nesting deeper than 200 levels.
    public func flowText(
        _ id: YAMLNodeID, replacing: [YAMLNodeID: String?] = [:],
        appending: [(key: String?, value: String)] = []
    ) throws(YAMLEditError) -> String {
        if let comment = commentOffset(in: id) {
            let lc = source.lineAndColumn(of: comment)
            throw YAMLEditError(
                mark: document[id].mark,
                message:
                    """
                    rewriting it in flow style would drop the comment at \(lc.line):\(lc.column); \
                    remove the comment or write the value in block style
                    """
            )
        }
        return try flowText(id, replacing: replacing, appending: appending, depth: 0)
    }

    /// Replaces collection `id` by its `flowText(_:replacing:appending:)`.
    ///
    /// Anchors and aliases that are kept are written out as they were, so an anchored node inside
    /// `id` that an alias elsewhere reads may stay; refused when `id` itself or a collection around
    /// it is anchored and aliased, or when a replaced or dropped node holds something an alias reads.
    public mutating func rewriteInFlowStyle(
        _ id: YAMLNodeID, replacing: [YAMLNodeID: String?] = [:],
        appending: [(key: String?, value: String)] = []
    ) throws(YAMLEditError) {
        try checkNotShared(id, "rewrite", .collection)
        let entryKeys = Dictionary(
            document[id].kind == .mapping ? document.entries(id).map { ($0.value, $0.key) } : [],
            uniquingKeysWith: { first, _ in first })
        for (node, replacement) in replacing.sorted(by: { $0.key < $1.key }) {
            try checkNotShared(node, replacement == nil ? "remove" : "replace")
            if replacement == nil, let key = entryKeys[node] { try checkNotShared(key, "remove") }
        }
        let text = try flowText(id, replacing: replacing, appending: appending)
        add(ByteEdit(range: document[id].start..<document[id].end, text: text))
    }

    private func flowText(
        _ id: YAMLNodeID, replacing: [YAMLNodeID: String?], appending: [(key: String?, value: String)],
        depth: Int
    ) throws(YAMLEditError) -> String {
        let node = document[id]
        if depth > 200 {
            throw YAMLEditError(mark: node.mark, message: "too deeply nested to rewrite in flow style")
        }
        let properties = node.hasProperties ? source.text(node.start..<node.contentStart).trimmingBlanks() + " " : ""
        switch node.kind {
        case .alias:
            return document.sourceText(id)
        case .scalar:
            return properties + (try flowScalar(id))
        case .sequence:
            var parts: [String] = []
            for child in document.children(id) {
                if let replacement = replacing[child] {
                    if let replacement { parts.append(replacement) }
                } else {
                    parts.append(try flowText(child, replacing: [:], appending: [], depth: depth + 1))
                }
            }
            parts += appending.map(\.value)
            return properties + "[" + parts.joined(separator: ", ") + "]"
        case .mapping:
            var parts: [String] = []
            for (key, value) in document.entries(id) {
                let keyText = try flowText(key, replacing: [:], appending: [], depth: depth + 1)
                if let replacement = replacing[value] {
                    if let replacement { parts.append(keyText + ": " + replacement) }
                } else {
                    parts.append(
                        keyText + ": " + (try flowText(value, replacing: [:], appending: [], depth: depth + 1)))
                }
            }
            parts += appending.map { ($0.key ?? "") + ": " + $0.value }
            return properties + "{" + parts.joined(separator: ", ") + "}"
        }
    }

    /// A scalar's content as flow text that resolves to the same value.
    private func flowScalar(_ id: YAMLNodeID) throws(YAMLEditError) -> String {
        let node = document[id]
        if node.style == .singleQuoted || node.style == .doubleQuoted,
            !source.containsLineBreak(node.contentStart..<node.end)
        {
            return document.contentText(id)
        }
        guard let value = document.scalarText(id) else {
            throw YAMLEditError(mark: node.mark, message: "scalar too long to rewrite")
        }
        if node.style == .plain {
            // Untagged plain scalars resolve; keep them plain when that still reads the same.
            // Empty: null (an anchor alone keeps it null), unless a tag makes it something else
            // (`!!str` is "").
            if value.isEmpty { return document.tag(id) != nil ? "\"\"" : "null" }
            if YAMLScalarFormatter.isPlainSyntaxSafe(value, flow: true) { return value }
        }
        // Quoted, block or multi-line scalars are strings (any tag in front still applies).
        return YAMLScalarFormatter.doubleQuoted(value)
    }

    /// Bytes after which a `#` starts a comment: blanks and line breaks, flow indicators, quotes.
    private static let beforeComment: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0x2C, 0x5B, 0x5D, 0x7B, 0x7D, 0x22, 0x27]

    /// The offset of a `#` comment inside the source range of a collection, if any.
    func commentOffset(in id: YAMLNodeID) -> Int? {
        let node = document[id]
        guard node.isCollection else { return nil }
        var scalars: [Range<Int>] = []
        for child in document.subtree(id) where document[child].kind == .scalar && document[child].style != .plain {
            scalars.append(document[child].range)
        }
        var i = node.contentStart
        var next = 0
        while i < node.end {
            if next < scalars.count && i >= scalars[next].lowerBound {
                i = max(i, scalars[next].upperBound)
                next += 1
                continue
            }
            // libyaml starts a comment wherever it looks for the next token: after blanks, and
            // in flow context also right after `,[]{}` or a closing quote (`{a: 1,#c`).
            if source[i] == 0x23 && (i == 0 || Self.beforeComment.contains(source[i - 1])) { return i }
            i += 1
        }
        return nil
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
