import YAMLScalars
import YAMLSource

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
    public internal(set) var start: Int {
        get { Int(startOffset) }
        set { startOffset = UInt32(newValue) }
    }
    /// Byte offset just past the node. For block collections this is where the next token begins.
    public internal(set) var end: Int {
        get { Int(endOffset) }
        set { endOffset = UInt32(newValue) }
    }
    /// Byte offset where the node's content starts (after anchor and tag).
    public internal(set) var contentStart: Int {
        get { Int(contentOffset) }
        set { contentOffset = UInt32(newValue) }
    }
    // Offsets are stored in 32 bits (streams are at most `SourceBuffer.maxCount` bytes): a node
    // takes 56 bytes instead of 72.
    private var startOffset: UInt32
    private var endOffset: UInt32
    private var contentOffset: UInt32
    /// 1-based line of `start`.
    public internal(set) var line: Int32
    /// 1-based column of `start`.
    public internal(set) var column: Int32
    /// Number of nodes in this subtree, the node itself included.
    @usableFromInline var subtreeSize: Int32
    /// Number of direct children (keys and values both count for mappings).
    @usableFromInline var childCount: Int32
    /// Scalar value or alias name: offset in the arena.
    var valueOffset: Int32
    /// Scalar value length in the arena, or -1 when the value was too long to keep.
    var valueLength: Int32
    /// Tag in the arena (length 0: no tag).
    var tagOffset: Int32
    @usableFromInline var tagLength: Int32
    /// Anchor name in the arena (length 0: no anchor).
    var anchorOffset: Int32
    var anchorLength: Int32

    init(
        kind: YAMLNodeKind, style: YAMLNodeStyle, hasProperties: Bool, start: Int, end: Int, contentStart: Int,
        line: Int32, column: Int32, subtreeSize: Int32, childCount: Int32, valueOffset: Int32, valueLength: Int32,
        tagOffset: Int32, tagLength: Int32, anchorOffset: Int32, anchorLength: Int32
    ) {
        self.kind = kind
        self.style = style
        self.hasProperties = hasProperties
        self.startOffset = UInt32(start)
        self.endOffset = UInt32(end)
        self.contentOffset = UInt32(contentStart)
        self.line = line
        self.column = column
        self.subtreeSize = subtreeSize
        self.childCount = childCount
        self.valueOffset = valueOffset
        self.valueLength = valueLength
        self.tagOffset = tagOffset
        self.tagLength = tagLength
        self.anchorOffset = anchorOffset
        self.anchorLength = anchorLength
    }

    /// The node's source position.
    public var mark: YAMLMark { YAMLMark(offset: start, line: Int(line), column: Int(column)) }
    /// Byte range in the source.
    public var range: Range<Int> { start..<end }
    /// Whether the node is a block collection.
    public var isBlockCollection: Bool { style == .block && (kind == .mapping || kind == .sequence) }
    /// Whether the node is a mapping or a sequence.
    public var isCollection: Bool { kind == .mapping || kind == .sequence }
}
