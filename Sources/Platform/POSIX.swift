#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The C library's `read(2)` and `writev(2)`, named so that methods called `read`/`write` can use
/// them on Linux and macOS alike.
package enum POSIX {
    package static func read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.read(fd, buffer, count)
        #else
            Darwin.read(fd, buffer, count)
        #endif
    }

    /// Writes all of `bytes` to `fd`, retrying short writes and `EINTR`; false when `write(2)` fails.
    package static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        writeAll(fd, chunks: [bytes])
    }

    /// Writes every chunk of `chunks`, in order, to `fd` with `writev(2)`, up to `IOV_MAX` chunks a
    /// call, retrying short writes and `EINTR`; false when `writev(2)` fails. The output of a
    /// post-render is thousands of spans between edits: one call each would cost a system call per
    /// span.
    package static func writeAll(_ fd: Int32, chunks: [UnsafeRawBufferPointer]) -> Bool {
        var vectors = chunks.filter { $0.count > 0 }.map {
            iovec(iov_base: UnsafeMutableRawPointer(mutating: $0.baseAddress!), iov_len: $0.count)
        }
        var first = 0
        while first < vectors.count {
            let batch = min(vectors.count - first, 1024)  // IOV_MAX on Linux and macOS
            let written = vectors.withUnsafeMutableBufferPointer { v -> Int in
                #if canImport(Glibc)
                    Glibc.writev(fd, v.baseAddress! + first, Int32(batch))
                #else
                    Darwin.writev(fd, v.baseAddress! + first, Int32(batch))
                #endif
            }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            // Skip what was written; a short write leaves the rest of a chunk for the next call.
            var left = written
            while left > 0, first < vectors.count {
                if left >= vectors[first].iov_len {
                    left -= vectors[first].iov_len
                    first += 1
                } else {
                    vectors[first].iov_base += left
                    vectors[first].iov_len -= left
                    left = 0
                }
            }
        }
        return true
    }
}

/// Writing to a file descriptor for the command line and the lifecycle's files.
public enum FileDescriptorOutput {
    /// Writes `bytes` to `fd` completely; false when the write fails (a full disk, a closed pipe).
    public static func write(_ bytes: [UInt8], to fd: Int32) -> Bool {
        bytes.withUnsafeBytes { POSIX.writeAll(fd, $0) }
    }
}
