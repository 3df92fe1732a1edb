import YAMLStream

/// Why a lifecycle command was refused. Nothing is written when one is thrown.
public struct LifecycleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the offending node is, when the problem is in the file.
    public var mark: YAMLMark?
    /// What is wrong and what to do.
    public var message: String

    /// Creates an error.
    public init(mark: YAMLMark?, message: String) {
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
