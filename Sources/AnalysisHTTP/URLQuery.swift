/// Percent-encoding for URL query components (everything but RFC 3986 unreserved characters).
enum URLQuery {
    static func encode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E:
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]], as: UTF8.self)
            }
        }
        return out
    }

    /// `url` without trailing slashes, checked to be `http://` or `https://`.
    static func base(_ url: String) -> String? {
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else { return nil }
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        return base.count > "https://".count ? base : nil
    }
}
