import YAMLStream

/// An edit that cannot be made in place without changing more than it should.
public struct YAMLEditError: Error, Sendable, CustomStringConvertible {
    /// Where the node that could not be edited is.
    public var mark: YAMLMark
    /// Why, and what to do.
    public var message: String

    /// Creates an error.
    public init(mark: YAMLMark, message: String) {
        self.mark = mark
        self.message = message
    }

    /// `LINE:COL: message`.
    public var description: String { "\(mark): \(message)" }
}
