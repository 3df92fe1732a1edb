import YAMLScalars

/// One node of a document, stored flat in pre-order.
///
/// A collection is followed by its children; its next sibling comes `subtreeSize` nodes later.
/// Mapping children alternate key, value. Scalar values, tags and anchor names live in the
/// document's arena; very long scalars are not kept (`valueLength == -1`).
public struct YAMLNode: Sendable {
    /// Kind of node.
    public internal(set) var kind: YAMLNodeKind
    /// Source style.
    public internal(set) var style: YAMLNodeStyle
    /// Whether the node carries an anchor or tag in front of it (then `start` points at those).
    public internal(set) var hasProperties: Bool
    /// Byte offset of the node's first byte, properties included.
    public internal(set) var start: Int
    /// Byte offset just past the node. For block collections this is where the next token begins.
    public internal(set) var end: Int
    /// Byte offset where the node's content starts (after anchor and tag).
    public internal(set) var contentStart: Int
    /// 1-based line of `start`.
    public internal(set) var line: Int32
    /// 1-based column of `start`.
    public internal(set) var column: Int32
    /// Number of nodes in this subtree, the node itself included.
    var subtreeSize: Int32
    /// Number of direct children (keys and values both count for mappings).
    var childCount: Int32
    /// Scalar value or alias name: offset in the arena.
    var valueOffset: Int32
    /// Scalar value length in the arena, or -1 when the value was too long to keep.
    var valueLength: Int32
    /// Tag in the arena (length 0: no tag).
    var tagOffset: Int32
    var tagLength: Int32
    /// Anchor name in the arena (length 0: no anchor).
    var anchorOffset: Int32
    var anchorLength: Int32

    /// The node's source position.
    public var mark: YAMLMark { YAMLMark(offset: start, line: Int(line), column: Int(column)) }
    /// Byte range in the source.
    public var range: Range<Int> { start..<end }
    /// Whether the node is a block collection.
    public var isBlockCollection: Bool { style == .block && (kind == .mapping || kind == .sequence) }
    /// Whether the node is a mapping or a sequence.
    public var isCollection: Bool { kind == .mapping || kind == .sequence }
}
