import FoundationEssentials

/// Standard base64 with padding, decoded with Go's `base64.StdEncoding` tolerance: `\r` and `\n`
/// are skipped, anything else outside the alphabet is an error (how go-yaml reads `!!binary` and
/// Kubernetes reads Secret `data`).
public enum Base64Text {
    /// The decoded bytes, or nil when `text` is not padded standard base64.
    public static func decodeBytes(_ text: String) -> [UInt8]? {
        let stripped = String(decoding: text.utf8.filter { $0 != 0x0A && $0 != 0x0D }, as: UTF8.self)
        return Data(base64Encoded: stripped).map { [UInt8]($0) }
    }

    /// The decoded bytes as UTF-8 text (invalid sequences replaced), or nil when not base64.
    public static func decode(_ text: String) -> String? {
        decodeBytes(text).map { String(decoding: $0, as: UTF8.self) }
    }
}
