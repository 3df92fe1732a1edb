/// Standard base64 (RFC 4648, with padding), as Kubernetes stores Secret data.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let table: [UInt8: UInt8] = {
        var t: [UInt8: UInt8] = [:]
        for (i, c) in alphabet.enumerated() { t[c] = UInt8(i) }
        return t
    }()

    /// The decoded bytes, or nil when `text` is not padded standard base64. Line breaks are ignored
    /// (Go's decoder skips `\r` and `\n`).
    static func decode(_ text: String) -> [UInt8]? {
        let chars = text.utf8.filter { $0 != 0x0A && $0 != 0x0D }
        guard chars.count % 4 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 4 * 3)
        var i = 0
        while i < chars.count {
            let quad = chars[i..<(i + 4)]
            let padding = quad.reversed().prefix { $0 == 0x3D }.count
            guard padding <= 2, padding == 0 || i + 4 == chars.count else { return nil }
            var n: UInt32 = 0
            for (j, c) in quad.enumerated() {
                let v: UInt8
                if j >= 4 - padding { v = 0 } else {
                    guard let t = table[c] else { return nil }
                    v = t
                }
                n = n << 6 | UInt32(v)
            }
            out.append(UInt8(n >> 16 & 0xFF))
            if padding < 2 { out.append(UInt8(n >> 8 & 0xFF)) }
            if padding < 1 { out.append(UInt8(n & 0xFF)) }
            i += 4
        }
        return out
    }

    /// `bytes` as padded standard base64.
    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let chunk = bytes[i..<min(i + 3, bytes.count)]
            var n: UInt32 = 0
            for (j, b) in chunk.enumerated() { n |= UInt32(b) << (16 - 8 * UInt32(j)) }
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(chunk.count > 1 ? alphabet[Int(n >> 6 & 63)] : 0x3D)
            out.append(chunk.count > 2 ? alphabet[Int(n & 63)] : 0x3D)
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
