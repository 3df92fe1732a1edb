#if canImport(Glibc)
import Glibc
#endif

/// Writing to the standard streams with `write(2)` (no stdio buffering to interleave with).
enum Output {
    /// Writes `text` (newline-terminated) to standard error.
    static func error(_ text: String) {
        var text = text
        if !text.hasSuffix("\n") { text += "\n" }
        writeAll(2, text)
    }

    /// Writes `text` to standard output.
    static func out(_ text: String) { writeAll(1, text) }

    static func writeAll(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var p = buffer.baseAddress!
            var left = buffer.count
            while left > 0 {
                let n = write(fd, p, left)
                if n < 0 { if errno == EINTR { continue }; return }
                p += n
                left -= n
            }
        }
    }
}
