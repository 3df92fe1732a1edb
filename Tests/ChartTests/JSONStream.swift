import TestSupport

/// Splits the concatenated JSON objects kubectl prints for a multi-document stream (`-o json`
/// prints one object per document, not a list).
enum JSONStream {
    static func split(_ bytes: [UInt8]) throws -> [ArraySlice<UInt8>] {
        var chunks: [ArraySlice<UInt8>] = []
        var depth = 0
        var start = 0
        var inString = false
        var escaped = false
        for (index, byte) in bytes.enumerated() {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if depth == 0 { start = index }
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth < 0 { throw TestFailure("unbalanced JSON from kubectl") }
                if depth == 0 { chunks.append(bytes[start...index]) }
            default:
                break
            }
        }
        guard depth == 0, !inString else { throw TestFailure("truncated JSON from kubectl") }
        return chunks
    }
}
