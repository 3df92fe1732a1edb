import YAMLStream

/// Why a lifecycle command was refused. Nothing is written when one is thrown.
public struct LifecycleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of refusal.
    public enum Reason: Sendable, Equatable {
        /// The file cannot be read or written.
        case io
        /// The file is not valid YAML, or kubectl could not read it.
        case syntax
        /// The values (or the release) are not where they should be.
        case notFound
        /// More than one document or release could be meant.
        case ambiguous
        /// A value has the wrong type or range.
        case invalidValue
        /// The operation does not apply to the canary's state.
        case refused
        /// The file's layout does not allow a minimal edit.
        case layout
        /// The edit would not read back as planned (a bug).
        case internalError
    }

    /// The kind of refusal.
    public var reason: Reason
    /// Where the offending node is, when the problem is in the file.
    public var mark: YAMLMark?
    /// What is wrong and what to do.
    public var message: String

    /// Creates an error.
    public init(_ reason: Reason, mark: YAMLMark? = nil, _ message: String) {
        self.reason = reason
        self.mark = mark
        self.message = message
    }

    /// `FILE:LINE:COL: error: message`, or `FILE: error: message` without a mark.
    public func formatted(file: String) -> String {
        if let mark { return "\(file):\(mark.line):\(mark.column): error: \(message)" }
        return "\(file): error: \(message)"
    }

    /// `LINE:COL: message`, or just the message.
    public var description: String { mark.map { "\($0): \(message)" } ?? message }
}
