import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An immutable, contiguous byte buffer holding a whole YAML stream.
///
/// The buffer is read once and never copied: documents that are not edited are written back
/// from it byte for byte. It is allocated with `malloc`/`realloc`, so reading a large pipe grows
/// in place (`mremap`) instead of doubling into a second copy.
///
/// The public API is bounds-checked; the raw pointer stays inside the YAML layer (libyaml reads
/// it, `EditApplier` writes spans of it). `@unchecked Sendable`: the bytes are written once, in
/// the initializer, and only read afterwards.
public final class SourceBuffer: @unchecked Sendable {
    /// Start of the bytes (never written after initialization).
    package let base: UnsafeMutablePointer<UInt8>
    /// Number of bytes.
    public let count: Int
    /// Whether a parser reads the stream as if its last line ended with a line feed, as kubectl's
    /// `YAMLReader` (and so Helm's kube client) reads a rendered stream (`parseEnd`). False for
    /// files Helm or Flux read whole (values files, manifests in git), whose last line stays as
    /// written.
    public let lastLineEnded: Bool

    /// The longest input read: node offsets are kept in 32 bits. (Far above anything Helm or
    /// kubectl handles: a Helm release is stored in one object of at most 1 MiB compressed.)
    public static let maxCount = Int(UInt32.max)

    /// Wraps a copy of `bytes` (at most `maxCount` of them).
    public init<C: Collection>(bytes: C, lastLineEnded: Bool = false) where C.Element == UInt8 {
        let n = bytes.count
        precondition(n <= Self.maxCount, "a source of \(n) bytes is larger than SourceBuffer.maxCount")
        base = malloc(n + 1)!.assumingMemoryBound(to: UInt8.self)
        count = n
        self.lastLineEnded = lastLineEnded
        _ = UnsafeMutableBufferPointer(start: base, count: n).initialize(from: bytes)
        base[n] = 0x0A
    }

    /// Wraps the UTF-8 bytes of `text`.
    public convenience init(_ text: String) { self.init(bytes: Array(text.utf8)) }

    private init(base: UnsafeMutablePointer<UInt8>, count: Int, lastLineEnded: Bool) {
        self.base = base
        self.count = count
        self.lastLineEnded = lastLineEnded
    }

    /// Reads a file descriptor to its end.
    /// - Throws: `SourceReadError` when `read(2)` fails or memory runs out.
    public static func read(fileDescriptor fd: Int32, lastLineEnded: Bool = false) throws(SourceReadError)
        -> SourceBuffer
    {
        var capacity = 1 << 16
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size > 0 {
            capacity = Int(st.st_size) + 1
        }
        guard var raw = malloc(capacity) else { throw SourceReadError.outOfMemory(bytesRead: 0) }
        var used = 0
        while true {
            if used == capacity {
                capacity = capacity < (64 << 20) ? capacity * 2 : capacity + capacity / 2
                guard let grown = realloc(raw, capacity) else {
                    free(raw)
                    throw SourceReadError.outOfMemory(bytesRead: used)
                }
                raw = grown
            }
            let n = POSIX.read(fd, raw + used, capacity - used)
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                let message = String(cString: strerror(errno))
                free(raw)
                throw SourceReadError.system(message)
            }
            used += n
            if used > maxCount {
                free(raw)
                throw SourceReadError.tooLarge
            }
        }
        if used == capacity {
            guard let grown = realloc(raw, capacity + 1) else {
                free(raw)
                throw SourceReadError.outOfMemory(bytesRead: used)
            }
            raw = grown
        }
        let bytes = raw.assumingMemoryBound(to: UInt8.self)
        bytes[used] = 0x0A
        return SourceBuffer(base: bytes, count: used, lastLineEnded: lastLineEnded)
    }

    /// Reads a whole file.
    public static func read(path: String, lastLineEnded: Bool = false) throws(SourceReadError) -> SourceBuffer {
        let fd = open(path, O_RDONLY)
        if fd < 0 { throw SourceReadError.system(String(cString: strerror(errno))) }
        defer { close(fd) }
        return try read(fileDescriptor: fd, lastLineEnded: lastLineEnded)
    }

    deinit { free(base) }

    /// Where a parser should stop reading for a range ending at `upperBound`: one byte later when
    /// that is the end of a `lastLineEnded` stream whose last line has no line feed. kubectl's
    /// `YAMLReader` reads the stream line by line and ends every line, the last included, with a
    /// line feed (so a block scalar on the last line keeps its final line break); the buffer holds
    /// that line feed just past its end (`base[count]`), never written out.
    package func parseEnd(_ upperBound: Int) -> Int {
        lastLineEnded && upperBound == count && count > 0 && base[count - 1] != 0x0A ? count + 1 : upperBound
    }

    /// Calls `body` with the bytes of `range` as a parser reads them (`parseEnd`).
    package func withParsedBytes<R>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows
        -> R
    {
        precondition(
            range.lowerBound >= 0 && range.upperBound <= count, "range \(range) outside the source (\(count) bytes)")
        return try body(
            UnsafeBufferPointer(start: base + range.lowerBound, count: parseEnd(range.upperBound) - range.lowerBound))
    }

    /// The byte at `offset` (`0..<count`).
    @inline(__always) public subscript(offset: Int) -> UInt8 {
        precondition(offset >= 0 && offset < count, "offset \(offset) outside the source (\(count) bytes)")
        return base[offset]
    }

    /// The bytes of `range` as an array.
    public func bytes(_ range: Range<Int>) -> [UInt8] {
        withBytes(range) { Array($0) }
    }

    /// The bytes of `range` decoded as UTF-8 (lossy).
    public func text(_ range: Range<Int>) -> String {
        withBytes(range) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the bytes of `range` (checked against the buffer), valid only during the call.
    public func withBytes<R>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        precondition(
            range.lowerBound >= 0 && range.upperBound <= count, "range \(range) outside the source (\(count) bytes)")
        return try body(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))
    }

    /// Whether the stream starts with a UTF-8 byte order mark.
    public var hasUTF8BOM: Bool { count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF }

    /// Where the text starts: after a UTF-8 byte order mark, if there is one.
    public var textStart: Int { hasUTF8BOM ? 3 : 0 }

    /// Offset of the first byte of the line containing `offset` (the first line starts after a
    /// byte order mark).
    public func lineStart(_ offset: Int) -> Int {
        var i = min(offset, count)
        while i > 0 && base[i - 1] != 0x0A && base[i - 1] != 0x0D { i -= 1 }
        return i == 0 ? min(textStart, max(offset, 0)) : i
    }

    /// Offset just past the line break ending the line containing `offset` (or `count`).
    public func nextLineStart(_ offset: Int) -> Int {
        var i = offset
        while i < count && base[i] != 0x0A && base[i] != 0x0D { i += 1 }
        if i < count && base[i] == 0x0D { i += 1 }
        if i < count && base[i] == 0x0A { i += 1 }
        return i
    }

    /// Whether every byte in `range` is a space or a tab.
    public func isBlank(_ range: Range<Int>) -> Bool {
        for i in range where base[i] != 0x20 && base[i] != 0x09 { return false }
        return true
    }

    /// The line break used by the line containing `offset`: CRLF when that line ends in one, else LF.
    public func lineBreak(at offset: Int) -> [UInt8] {
        var i = offset
        while i < count && base[i] != 0x0A && base[i] != 0x0D { i += 1 }
        if i < count && base[i] == 0x0D { return [0x0D, 0x0A] }
        return [0x0A]
    }

    /// 1-based line and column (in characters) of a byte offset, found by scanning from the start.
    /// Meant for error paths only: it is linear in `offset`.
    public func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        let end = min(offset, count)
        // Line feeds, then carriage returns not followed by one (memchr: this runs over whole streams).
        var i = 0
        while i < end, let hit = memchr(base + i, 0x0A, end - i) {
            i = hit.assumingMemoryBound(to: UInt8.self) - base + 1
            line += 1
            lineStart = i
        }
        i = 0
        while i < end, let hit = memchr(base + i, 0x0D, end - i) {
            let cr = hit.assumingMemoryBound(to: UInt8.self) - base
            if cr + 1 >= count || base[cr + 1] != 0x0A {
                line += 1
                lineStart = max(lineStart, cr + 1)
            }
            i = cr + 1
        }
        var column = 1
        var j = lineStart
        while j < end {
            if base[j] & 0xC0 != 0x80 { column += 1 }
            j += 1
        }
        if hasUTF8BOM && lineStart == 0 { column = max(1, column - 1) }
        return (line, column)
    }
}
