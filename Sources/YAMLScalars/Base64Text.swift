import FoundationEssentials

/// Standard base64 with padding, decoded with Go's `base64.StdEncoding` tolerance: `\r` and `\n`
/// are skipped, anything else outside the alphabet is an error (how go-yaml reads `!!binary` and
/// Kubernetes reads Secret `data`).
public enum Base64Text {
    /// The decoded bytes, or nil when `text` is not padded standard base64.
    public static func decodeBytes(_ text: String) -> [UInt8]? {
        let bytes = text.utf8.filter { $0 != 0x0A && $0 != 0x0D }
        // Go decodes whole quanta of four and accepts `=` only as the padding of the last one
        // (Foundation's decoder takes `YWJj====` and `YQ===`; Go refuses both).
        let padding = bytes.reversed().prefix { $0 == 0x3D }.count
        guard bytes.count % 4 == 0, padding <= 2, !bytes.dropLast(padding).contains(0x3D) else { return nil }
        return Data(base64Encoded: String(decoding: bytes, as: UTF8.self)).map { [UInt8]($0) }
    }

    /// The decoded bytes as UTF-8 text (invalid sequences replaced), or nil when not base64.
    public static func decode(_ text: String) -> String? {
        decodeBytes(text).map { String(decoding: $0, as: UTF8.self) }
    }
}
