/// Identifies one node of a `YAMLDocument`: its position in the document's pre-order.
///
/// Node IDs come only from the document (its `root`, `children(_:)`, `entries(_:)`, ...), so a byte
/// offset or a count can never be mistaken for a node. IDs of one document mean nothing in another.
public struct YAMLNodeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The pre-order position.
    @usableFromInline let index: Int32

    @inlinable package init(_ index: Int) { self.index = Int32(index) }

    @inlinable var int: Int { Int(index) }

    /// The pre-order position, for the package's walkers that step through a document's nodes.
    @inlinable package var position: Int { Int(index) }

    /// Orders by position in the document (pre-order, so parents before children).
    public static func < (a: YAMLNodeID, b: YAMLNodeID) -> Bool { a.index < b.index }

    /// `#N`.
    public var description: String { "#\(index)" }
}
