import YAMLStream

/// Replace the source bytes in `range` with `replacement` (an empty range inserts).
public struct ByteEdit: Sendable, Equatable {
    /// Byte range of the source to replace.
    public var range: Range<Int>
    /// New bytes.
    public var replacement: [UInt8]

    /// Creates an edit.
    public init(range: Range<Int>, replacement: [UInt8]) {
        self.range = range
        self.replacement = replacement
    }

    /// Creates an edit from text.
    public init(range: Range<Int>, text: String) {
        self.init(range: range, replacement: Array(text.utf8))
    }
}
