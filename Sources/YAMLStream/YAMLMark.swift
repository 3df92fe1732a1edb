/// A position in the source: byte offset plus 1-based line and column (columns count characters).
public struct YAMLMark: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Byte offset from the start of the stream.
    public var offset: Int
    /// 1-based line number.
    public var line: Int
    /// 1-based column, in Unicode scalars.
    public var column: Int

    /// Creates a mark.
    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// `LINE:COLUMN`.
    public var description: String { "\(line):\(column)" }
}
