import YAMLStream

/// Where `YAMLEditor.insertEntry(_:valueText:into:at:)` puts a new block mapping entry.
public enum YAMLEntryPosition: Sendable, Equatable {
    /// Before the first entry. Comment lines directly above that entry (no blank line between)
    /// stay attached to it, so the new line goes above them, unless they open the document
    /// (a header comment), in which case it goes right before the first entry.
    case first
    /// Right after the entry whose key node is `key`: after its value's last line and any comment
    /// on that line.
    case after(key: YAMLNodeID)
    /// After the last entry (like `YAMLEditor.appendEntry(to:key:valueText:)`).
    case last
}
