import Foundation

/// What a finished child process left behind.
public struct ProcessResult: Sendable {
    /// The exit status (or 128 + signal number when it was killed by a signal).
    public var status: Int32
    /// Everything it wrote to standard output.
    public var stdout: [UInt8]
    /// Everything it wrote to standard error.
    public var stderr: [UInt8]

    /// Standard output decoded as UTF-8 (lossy).
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    /// Standard error decoded as UTF-8 (lossy).
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}
