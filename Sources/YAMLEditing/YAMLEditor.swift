import YAMLScalars
import YAMLSource
import YAMLStream

/// Plans minimal, layout-preserving edits to one document.
///
/// Every operation touches only the bytes it must: a scalar's own range, or whole lines of a block
/// collection entry. When the layout does not allow that (several entries on one line, a node that
/// an alias elsewhere shares) it throws `YAMLEditError`; callers may rewrite an enclosing flow
/// collection with `flowText(_:replacing:appending:)` instead. Whether the result reads back as
/// intended is for the caller to check (see `YAMLValues.ReadBack`).
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

    /// Replaces node `id` (properties included) with `text`, a one-line value.
    ///
    /// Block collections and block scalars (`|`, `>`) end at the start of a later line; they are
    /// replaced up to the end of their last line and the line break is kept, so what follows stays
    /// on its own line.
    public mutating func replace(_ id: YAMLNodeID, with text: String) throws(YAMLEditError) {
        try checkNotShared(id, "replace")
        try replaceRange(from: document[id].start, of: id, with: text)
    }

    /// Replaces the content of scalar or alias node `id` with `text`, keeping any tag in front of it.
    ///
    /// - Throws: `YAMLEditError` for collections and nodes an alias shares.
    public mutating func replaceScalarContent(_ id: YAMLNodeID, with text: String) throws(YAMLEditError) {
        let node = document[id]
        switch node.kind {
        case .mapping, .sequence:
            throw YAMLEditError(mark: node.mark, message: "is a collection, not a scalar; cannot replace it as a value")
        case .alias:
            // The alias itself is replaced; only a collection around it can be shared.
            try checkNotShared(id, "replace")
            add(ByteEdit(range: node.range, text: text))
        case .scalar:
            try checkNotShared(id, "replace")
            if document.anchor(id) != nil {
                // Keep the anchor only when nothing refers to it; then replacing the whole node is simpler.
                try replaceRange(from: node.start, of: id, with: text)
            } else {
                try replaceRange(from: node.contentStart, of: id, with: text)
            }
        }
    }

    /// Sets the value of a mapping entry whose value node is the scalar or alias `value`.
    ///
    /// An empty value (`key:` or `key:   # comment`) gets ` text` right after the colon, so a
    /// trailing comment stays where it is; any other value is replaced by
    /// `replaceScalarContent(_:with:)`.
    public mutating func setValue(_ value: YAMLNodeID, to text: String) throws(YAMLEditError) {
        let node = document[value]
        if node.kind == .scalar && node.start == node.end && !node.hasProperties {
            try replace(value, with: text)
        } else {
            try replaceScalarContent(value, with: text)
        }
    }

    // MARK: - Block mappings

    /// Removes the entry `key`/`value` of a block mapping, whole lines only.
    public mutating func removeEntry(key: YAMLNodeID, value: YAMLNodeID) throws(YAMLEditError) {
        let keyNode = document[key]
        let lineStart = source.lineStart(keyNode.start)
        guard source.isBlank(lineStart..<keyNode.start) else {
            throw YAMLEditError(
                mark: keyNode.mark, message: "entry shares its line with other content; cannot remove it line by line")
        }
        try checkNotShared(key, "remove")
        try checkNotShared(value, "remove")
        var end = try lineEndAfter(value)
        // Comment lines right after the entry and indented deeper than its key go with it: left
        // behind, they would continue a block scalar written just before the entry.
        let keyColumn = keyNode.start - lineStart
        while end < source.count {
            var i = end
            while i < source.count && source[i] == 0x20 { i += 1 }
            guard i - end > keyColumn, i < source.count, source[i] == 0x23 else { break }
            end = source.nextLineStart(i)
        }
        edits.append(ByteEdit(range: lineStart..<end, replacement: []))
    }

    /// Appends `key: value` (single-line `valueText`) after the last entry of a block mapping.
    public mutating func appendEntry(to mapping: YAMLNodeID, key: String, valueText: String) throws(YAMLEditError) {
        try insertEntry(key, valueText: valueText, into: mapping, at: .last)
    }

    // MARK: - Block sequences

    /// Removes one item of a block sequence, whole lines only.
    public mutating func removeItem(_ item: YAMLNodeID) throws(YAMLEditError) {
        let node = document[item]
        let dash = try dashOffset(of: item)
        let lineStart = source.lineStart(dash)
        guard source.isBlank(lineStart..<dash) else {
            throw YAMLEditError(
                mark: node.mark,
                message: "sequence item shares its line with other content; cannot remove it line by line")
        }
        try checkNotShared(item, "remove")
        edits.append(ByteEdit(range: lineStart..<(try lineEndAfter(item)), replacement: []))
    }

    /// Appends `- itemText` after the last item of a non-empty block sequence.
    public mutating func appendItem(to sequence: YAMLNodeID, itemText: String) throws(YAMLEditError) {
        let node = document[sequence]
        let items = document.children(sequence)
        guard node.kind == .sequence, node.style == .block, let first = items.first, let last = items.last else {
            throw YAMLEditError(mark: node.mark, message: "not a non-empty block sequence; cannot append an item line")
        }
        try checkNotShared(sequence, "append to", .collection)
        let dash = try dashOffset(of: first)
        let lineStart = source.lineStart(dash)
        guard source.isBlank(lineStart..<dash) else {
            throw YAMLEditError(
                mark: document[first].mark,
                message: "sequence item shares its line with other content; cannot append line by line")
        }
        try insertLine(after: last, text: source.text(lineStart..<dash) + "- " + itemText)
    }

    // MARK: - Sharing

    /// What an edit does to the node it is checked on, which decides what an alias may share.
    enum EditScope {
        /// The node is replaced or removed with everything inside it: nothing in its subtree may
        /// be read by an alias (the anchor would go, or the alias would read the new value).
        case wholeNode
        /// Entries or items are added to the collection (or it is rewritten with its anchors and
        /// kept values unchanged): only the collection itself must not be what an alias reads.
        /// Anchored nodes inside it that an alias reads keep their bytes, so the alias does too.
        case collection
    }

    /// Refuses to edit a node that an alias reads: the node itself, a collection around it that
    /// is anchored and aliased elsewhere, or (for `.wholeNode`) something inside it, so the edit
    /// would change (or break) what the alias reads too.
    func checkNotShared(_ id: YAMLNodeID, _ verb: String, _ scope: EditScope = .wholeNode) throws(YAMLEditError) {
        guard document.hasAliases else { return }
        let shared: YAMLNodeID?
        if document.isAliasTarget(id) {
            shared = id
        } else if let ancestor = document.sharedAncestor(of: id) {
            shared = ancestor
        } else if scope == .wholeNode && document.subtreeHasAliasTarget(id) {
            shared = document.sharedDescendant(of: id) ?? id
        } else {
            shared = nil
        }
        if let shared {
            let name = document.anchor(shared).map { "&\($0)" } ?? "an anchor"
            throw YAMLEditError(
                mark: document[id].mark,
                message:
                    """
                    cannot \(verb) a value that an alias also reads (\(name) at \(document[shared].mark)); \
                    write the value out instead of sharing it
                    """
            )
        }
    }

    /// Replaces from `start` to the end of node `id` with `text`, keeping the line structure of
    /// block collections and block scalars.
    private mutating func replaceRange(from start: Int, of id: YAMLNodeID, with text: String) throws(YAMLEditError) {
        let node = document[id]
        if node.isBlockCollection || node.style == .literal || node.style == .folded {
            let end = try lineEndAfter(id)
            let lineBreak = lineBreakString(at: node.start)
            if end == source.count && end > 0 && source[end - 1] != 0x0A && source[end - 1] != 0x0D {
                edits.append(ByteEdit(range: start..<end, text: text))
            } else {
                edits.append(ByteEdit(range: start..<end, text: text + lineBreak))
            }
        } else if node.start == node.end && node.start > 0
            && ![0x20, 0x09, 0x0A, 0x0D].contains(source[node.start - 1])
        {
            // An empty (null) value right after `key:` or `-`: keep the separating blank.
            edits.append(ByteEdit(range: node.range, text: " " + text))
        } else {
            edits.append(ByteEdit(range: start..<node.end, text: text))
        }
    }
}

extension YAMLDocument {
    /// The outermost collection containing `id` (not `id` itself) that an alias refers to, if any.
    public func sharedAncestor(of id: YAMLNodeID) -> YAMLNodeID? {
        aliasedNodes.lazy.map { YAMLNodeID(Int($0)) }
            .filter { $0 != id && self.isInSubtree(id, of: $0) }
            .min()
    }

    /// The first node inside `id` (not `id` itself) that an alias refers to, if any.
    public func sharedDescendant(of id: YAMLNodeID) -> YAMLNodeID? {
        aliasedNodes.lazy.map { YAMLNodeID(Int($0)) }
            .filter { $0 != id && self.isInSubtree($0, of: id) }
            .min()
    }
}
