#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Applies non-overlapping `ByteEdit`s to a `SourceBuffer`, copying every untouched byte as it is.
public enum EditApplier {
    /// Sorts `edits` by position (stable, so insertions at one offset keep their order) and checks
    /// that none overlap. Returns nil when two edits overlap.
    public static func ordered(_ edits: [ByteEdit]) -> [ByteEdit]? {
        let sorted = edits.enumerated().sorted {
            ($0.element.range.lowerBound, $0.offset) < ($1.element.range.lowerBound, $1.offset)
        }.map(\.element)
        var last = 0
        for edit in sorted {
            if edit.range.lowerBound < last { return nil }
            last = edit.range.upperBound
        }
        return sorted
    }

    /// The edited stream as bytes.
    public static func apply(_ edits: [ByteEdit], to source: SourceBuffer) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(source.count + edits.reduce(0) { $0 + $1.replacement.count })
        write(edits, source: source) { out.append(contentsOf: $0) }
        return out
    }

    /// Streams the edited source to `sink` in chunks (untouched spans straight from the buffer).
    public static func write(_ edits: [ByteEdit], source: SourceBuffer, to sink: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        let sorted = ordered(edits) ?? edits
        var position = 0
        for edit in sorted {
            if edit.range.lowerBound > position {
                try sink(UnsafeBufferPointer(start: source.base + position, count: edit.range.lowerBound - position))
            }
            try edit.replacement.withUnsafeBufferPointer { try sink($0) }
            position = max(position, edit.range.upperBound)
        }
        if position < source.count {
            try sink(UnsafeBufferPointer(start: source.base + position, count: source.count - position))
        }
    }

    /// Writes the edited stream to a file descriptor, retrying short writes.
    /// - Returns: false when `write(2)` fails.
    @discardableResult
    public static func write(_ edits: [ByteEdit], source: SourceBuffer, fileDescriptor fd: Int32) -> Bool {
        var ok = true
        write(edits, source: source) { chunk in
            guard ok, var p = chunk.baseAddress else { return }
            var left = chunk.count
            while left > 0 {
                let n = Glibc.write(fd, p, left)
                if n < 0 {
                    if errno == EINTR { continue }
                    ok = false
                    return
                }
                p += n
                left -= n
            }
        }
        return ok
    }
}
