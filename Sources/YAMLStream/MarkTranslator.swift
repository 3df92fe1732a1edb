/// Turns libyaml's character indexes into byte offsets.
///
/// libyaml counts Unicode characters, not bytes. Marks arrive almost in order, so a cursor walks
/// forward and, rarely, backward. Between the cursor and the next non-ASCII byte (found once, eight
/// bytes at a time, and remembered) characters are bytes, so most marks cost one comparison.
struct MarkTranslator {
    private let base: UnsafePointer<UInt8>
    private let limit: Int
    private var charIndex = 0
    private var byteOffset: Int
    /// The first byte at or after `byteOffset` that is not ASCII (`limit` when none), or -1 when
    /// not known since the cursor last moved backward.
    private var nextNonASCII = -1

    /// - Parameters:
    ///   - base: the whole stream.
    ///   - count: its length.
    ///   - origin: the byte offset that libyaml's index 0 corresponds to.
    init(base: UnsafePointer<UInt8>, count: Int, origin: Int) {
        self.base = base
        self.limit = count
        self.byteOffset = origin
    }

    /// The byte offset of character index `index`.
    mutating func offset(of index: Int) -> Int {
        if index >= charIndex {
            var remaining = index - charIndex
            var b = byteOffset
            while remaining > 0 && b < limit {
                if nextNonASCII < b { nextNonASCII = Self.firstNonASCII(base, from: b, limit: limit) }
                let run = min(remaining, nextNonASCII - b)
                b += run
                remaining -= run
                guard remaining > 0 && b < limit else { break }
                let lead = base[b]
                b = min(b + (lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4), limit)
                remaining -= 1
            }
            byteOffset = b
            // Past the end: the cursor stands at the last character actually reached.
            charIndex = index - remaining
            return byteOffset
        } else {
            var remaining = charIndex - index
            var b = byteOffset
            while remaining > 0 && b > 0 {
                b -= 1
                while b > 0 && base[b] & 0xC0 == 0x80 { b -= 1 }
                remaining -= 1
            }
            byteOffset = b
            nextNonASCII = -1
        }
        charIndex = index
        return byteOffset
    }

    /// The first byte at or after `from` with its high bit set, or `limit`.
    private static func firstNonASCII(_ base: UnsafePointer<UInt8>, from: Int, limit: Int) -> Int {
        var i = from
        while i + 8 <= limit {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080
            if word != 0 { return i + word.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < limit && base[i] < 0x80 { i += 1 }
        return i
    }
}
