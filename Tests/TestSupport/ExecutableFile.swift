#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Test scripts made executable without the "Text file busy" race.
public enum ExecutableFile {
    /// Writes `text` to `path` with mode 0755 through a close-on-exec descriptor. Running a file
    /// that any process holds open for writing fails with ETXTBSY; a descriptor without
    /// `O_CLOEXEC` (Foundation's atomic write uses `mkstemp`) is inherited by every process another
    /// test spawns meanwhile and stays open for that process's life.
    public static func create(_ path: String, text: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard fd >= 0 else { throw TestFailure("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw TestFailure("cannot write \(path): \(String(cString: strerror(errno)))") }
            written += n
        }
        // The mode given to open(2) is masked by the umask.
        guard fchmod(fd, 0o755) == 0 else { throw TestFailure("cannot chmod \(path)") }
    }
}
