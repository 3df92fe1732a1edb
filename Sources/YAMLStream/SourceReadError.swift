/// Reading the input failed (I/O error or out of memory).
public struct SourceReadError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public var message: String
    /// Same as `message`.
    public var description: String { message }
}
