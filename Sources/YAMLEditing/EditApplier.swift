import Platform
import YAMLSource
import YAMLStream

/// Applies non-overlapping `ByteEdit`s to a `SourceBuffer`, copying every untouched byte as it is.
public enum EditApplier {
    /// Sorts `edits` by position and checks that none overlap. At one offset, insertions come
    /// before a replacement or removal starting there, and insertions keep their order. Returns nil
    /// when two edits overlap.
    public static func ordered(_ edits: [ByteEdit]) -> [ByteEdit]? {
        let sorted = edits.enumerated().sorted {
            ($0.element.range.lowerBound, $0.element.range.upperBound, $0.offset)
                < ($1.element.range.lowerBound, $1.element.range.upperBound, $1.offset)
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

    /// The bytes of `range` of the edited source, with `edits`, which must all lie within `range`
    /// (e.g. one document and its own edits).
    public static func apply(_ edits: [ByteEdit], to source: SourceBuffer, within range: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        var position = range.lowerBound
        for edit in ordered(edits) ?? edits {
            if edit.range.lowerBound > position { out += source.bytes(position..<edit.range.lowerBound) }
            out += edit.replacement
            position = max(position, edit.range.upperBound)
        }
        if position < range.upperBound { out += source.bytes(position..<range.upperBound) }
        return out
    }

    /// Streams the edited source to `sink` in chunks (untouched spans straight from the buffer).
    public static func write(
        _ edits: [ByteEdit], source: SourceBuffer,
        to sink: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows {
        let sorted = ordered(edits) ?? edits
        var position = 0
        for edit in sorted {
            if edit.range.lowerBound > position {
                try source.withBytes(position..<edit.range.lowerBound, sink)
            }
            try edit.replacement.withUnsafeBufferPointer { try sink($0) }
            position = max(position, edit.range.upperBound)
        }
        if position < source.count {
            try source.withBytes(position..<source.count, sink)
        }
    }

    /// Writes the edited stream to a file descriptor with few `writev(2)` calls: untouched spans
    /// straight from the buffer, the edits' bytes gathered a batch at a time (so the output costs
    /// no copy of the stream and no more memory than one batch), retrying short writes.
    /// - Returns: false when `writev(2)` fails.
    @discardableResult
    public static func write(_ edits: [ByteEdit], source: SourceBuffer, fileDescriptor fd: Int32) -> Bool {
        let sorted = ordered(edits) ?? edits
        let batch = 500  // two spans per edit: within IOV_MAX (1024)
        return source.withBytes(0..<source.count) { whole in
            var position = 0
            var start = 0
            while start < sorted.count || start == 0 {
                let edits = sorted[start..<min(start + batch, sorted.count)]
                var added: [UInt8] = []
                added.reserveCapacity(edits.reduce(0) { $0 + $1.replacement.count })
                for edit in edits { added += edit.replacement }
                let last = start + batch >= sorted.count
                let ok = added.withUnsafeBytes { added in
                    var chunks: [UnsafeRawBufferPointer] = []
                    chunks.reserveCapacity(2 * edits.count + 1)
                    var next = 0
                    for edit in edits {
                        if edit.range.lowerBound > position {
                            chunks.append(
                                UnsafeRawBufferPointer(
                                    UnsafeBufferPointer(rebasing: whole[position..<edit.range.lowerBound])))
                        }
                        chunks.append(UnsafeRawBufferPointer(rebasing: added[next..<next + edit.replacement.count]))
                        next += edit.replacement.count
                        position = max(position, edit.range.upperBound)
                    }
                    if last && position < whole.count {
                        chunks.append(
                            UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: whole[position..<whole.count])))
                    }
                    return POSIX.writeAll(fd, chunks: chunks)
                }
                guard ok else { return false }
                if last { return true }
                start += batch
            }
            return true
        }
    }
}
