/// Turns libyaml's character indexes into byte offsets.
///
/// libyaml counts Unicode characters, not bytes. Marks arrive almost in order, so a cursor that
/// walks forward (eight ASCII bytes at a time) and, rarely, backward keeps the total work linear.
struct MarkTranslator {
    private let base: UnsafePointer<UInt8>
    private let limit: Int
    private var charIndex = 0
    private var byteOffset: Int

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
                if remaining >= 8 && b + 8 <= limit {
                    let word = UnsafeRawPointer(base + b).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 {
                        b += 8
                        remaining -= 8
                        continue
                    }
                }
                let lead = base[b]
                b += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                remaining -= 1
            }
            byteOffset = min(b, limit)
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
        }
        charIndex = index
        return byteOffset
    }
}
