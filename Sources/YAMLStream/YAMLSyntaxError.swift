/// The stream is not well-formed YAML (or not valid UTF-8) at `mark`.
public struct YAMLSyntaxError: Error, Sendable, CustomStringConvertible {
    /// Where the problem is.
    public var mark: YAMLMark
    /// 1-based number of the document the problem is in.
    public var documentNumber: Int
    /// What libyaml reported, with its context.
    public var message: String

    /// `LINE:COL: message`.
    public var description: String { "\(mark): \(message)" }
}
