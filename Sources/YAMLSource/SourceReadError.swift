/// Reading the input failed.
public enum SourceReadError: Error, CustomStringConvertible, Sendable, Equatable {
    /// `open(2)` or `read(2)` failed with the system's reason (e.g. "No such file or directory").
    case system(String)
    /// Not enough memory for the input.
    case outOfMemory(bytesRead: Int)
    /// The input is longer than `SourceBuffer.maxCount` bytes.
    case tooLarge

    /// The reason, without the file name (callers name the file).
    public var description: String {
        switch self {
        case .system(let reason): return reason
        case .outOfMemory(let n): return n == 0 ? "out of memory" : "out of memory after reading \(n) bytes"
        case .tooLarge:
            return "the input is larger than 4 GiB (\(SourceBuffer.maxCount) bytes), the most kserve-canary reads"
        }
    }
}
