/// Writes strings as YAML scalars: plain when that reads back as the same string, else double-quoted.
public enum YAMLScalarFormatter {
    /// Words YAML 1.1 or 1.2 would read as something other than a string.
    static let reserved: Set<String> = [
        "", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
        "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N",
        ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "-.inf", "-.Inf", "-.INF", "<<", "=",
    ]

    /// `value` as a scalar that reads back as the string `value` in block context.
    /// - Parameter flow: also quote strings holding flow indicators (`,[]{}`), for use inside `[...]`/`{...}`.
    public static func string(_ value: String, flow: Bool = false) -> String {
        isPlainSafe(value, flow: flow) ? value : doubleQuoted(value)
    }

    /// A decimal integer scalar.
    public static func integer(_ value: Int) -> String { String(value) }

    /// Whether `value` can be written plain and still read back as that string.
    public static func isPlainSafe(_ value: String, flow: Bool) -> Bool {
        if reserved.contains(value) { return false }
        let bytes = Array(value.utf8)
        guard let first = bytes.first, let last = bytes.last else { return false }
        if first == 0x20 || last == 0x20 { return false }
        // Indicators that cannot start a plain scalar.
        if "!&*|>'\"%@`#,[]{}?:".utf8.contains(first) { return false }
        if first == 0x2D && (bytes.count == 1 || bytes[1] == 0x20) { return false }
        if looksNumeric(value) { return false }
        for (i, b) in bytes.enumerated() {
            if b < 0x20 || b == 0x7F { return false }
            if b == 0x23 && i > 0 && bytes[i - 1] == 0x20 { return false }
            if b == 0x3A && (i + 1 == bytes.count || bytes[i + 1] == 0x20) { return false }
            if flow && (b == 0x2C || b == 0x5B || b == 0x5D || b == 0x7B || b == 0x7D) { return false }
        }
        return true
    }

    static func looksNumeric(_ value: String) -> Bool {
        var s = Substring(value)
        if s.first == "+" || s.first == "-" { s = s.dropFirst() }
        guard let first = s.first else { return false }
        if first.isNumber || first == "." { return s.allSatisfy { $0.isNumber || "._:eExXoOabcdefABCDEF+-".contains($0) } }
        return false
    }

    /// `value` in double quotes with JSON-style escapes (also valid JSON): control characters, C1
    /// controls, line/paragraph separators and BOMs as `\uXXXX`.
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
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF {
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
