/// Writes strings as YAML scalars that read back as the same string: plain when the text both
/// scans as a plain scalar and resolves to a string (go-yaml's encoder rule: not a number, bool,
/// null, timestamp or base-60 number), else double-quoted with escapes.
public enum YAMLScalarFormatter {
    /// `value` as a scalar that reads back as the string `value`.
    /// - Parameter flow: the scalar sits inside `[...]`/`{...}`, where `,?[]{}` end plain scalars
    ///   (go-yaml v2's `yaml_parser_scan_plain_scalar`).
    public static func string(_ value: String, flow: Bool = false) -> String {
        isPlainSafe(value, flow: flow) ? value : doubleQuoted(value)
    }

    /// A decimal integer scalar.
    public static func integer(_ value: Int) -> String { String(value) }

    /// Whether `value` can be written plain and still read back as that string.
    public static func isPlainSafe(_ value: String, flow: Bool) -> Bool {
        isPlainSyntaxSafe(value, flow: flow) && resolvesToItself(value)
    }

    /// Whether an untagged plain scalar with this text is the string itself (not a number, bool,
    /// null or timestamp, and not a YAML 1.1 base-60 number, which go-yaml's encoder quotes too).
    public static func resolvesToItself(_ value: String) -> Bool {
        guard case .string = YAMLScalarResolver.resolvePlain(value) else { return false }
        if let first = value.utf8.first, first == 0x2B || first == 0x2D || (first >= 0x30 && first <= 0x39) {
            if YAMLScalarResolver.isTimestamp(value) || isBase60(value) { return false }
        }
        return value != "<<" && value != "="
    }

    /// Whether libyaml and go-yaml scan `value`, written plain after `key: ` or `- `, as one plain
    /// scalar with exactly this text (whatever it then resolves to).
    public static func isPlainSyntaxSafe(_ value: String, flow: Bool) -> Bool {
        let bytes = Array(value.utf8)
        guard let first = bytes.first, let last = bytes.last else { return false }
        if first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 { return false }
        // Indicators that cannot start a plain scalar.
        if "!&*|>'\"%@`#,[]{}?:".utf8.contains(first) { return false }
        if first == 0x2D && (bytes.count == 1 || bytes[1] == 0x20 || bytes[1] == 0x09) { return false }
        if value.hasPrefix("---") || value.hasPrefix("...") { return false }
        for (i, b) in bytes.enumerated() {
            if b < 0x20 || b == 0x7F { return false }  // line breaks, tabs, control characters
            if b == 0x23 && i > 0 && bytes[i - 1] == 0x20 { return false }  // ` #` starts a comment
            if b == 0x3A {
                let next = i + 1 < bytes.count ? bytes[i + 1] : 0x20
                if next == 0x20 || next == 0x09 { return false }  // `: ` (or a final `:`) is a key
                if flow && ",?[]{}".utf8.contains(next) { return false }
            }
            // go-yaml v2 also ends a plain scalar at `?` in flow context (libyaml 0.2.5 does not).
            if flow && ",?[]{}".utf8.contains(b) { return false }
        }
        // Unicode line breaks (NEL, LS, PS), C1 controls and BOMs are not plain text in YAML 1.1.
        for scalar in value.unicodeScalars where isSpecial(scalar) { return false }
        return true
    }

    /// Characters YAML 1.1 reads as line breaks, C1 controls, and byte order marks.
    static func isSpecial(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v >= 0x80 && v <= 0x9F) || v == 0x2028 || v == 0x2029 || v == 0xFEFF
    }

    /// go-yaml's `isBase60Float`: `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`.
    static func isBase60(_ value: String) -> Bool {
        var b = Array(value.utf8)[...]
        if let c = b.first, c == 0x2B || c == 0x2D { b = b.dropFirst() }
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        guard let c = b.first, isDigit(c) else { return false }
        b = b.dropFirst()
        while let c = b.first, isDigit(c) || c == 0x5F { b = b.dropFirst() }
        var groups = 0
        while b.first == 0x3A {
            b = b.dropFirst()
            guard let d1 = b.first, isDigit(d1) else { return false }
            b = b.dropFirst()
            if let d2 = b.first, isDigit(d2) {
                guard d1 <= 0x35 else { return false }
                b = b.dropFirst()
            }
            groups += 1
        }
        guard groups > 0 else { return false }
        if b.first == 0x2E {
            b = b.dropFirst()
            while let c = b.first, isDigit(c) || c == 0x5F { b = b.dropFirst() }
        }
        return b.isEmpty
    }

    /// `value` in double quotes with JSON-compatible escapes: `"` `\` and control characters, C1
    /// controls, line/paragraph separators and BOMs as `\uXXXX` (so the text is also valid JSON).
    public static func doubleQuoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || isSpecial(scalar) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
