import FoundationEssentials
import YAMLScalars
import YAMLStream

/// Writes `YAMLValue`s as block YAML (two-space indentation, list items indented under their key)
/// or as JSON. Strings are written plain only when they read back as the same string in YAML 1.1
/// and 1.2; multi-line strings become literal block scalars where that is exact.
public enum YAMLValueWriter {
    /// One document's text (no `---`), ending with a line break.
    public static func document(_ value: YAMLValue) -> String {
        var out = ""
        switch value {
        case .map(let m) where !m.isEmpty: writeMap(m, indent: 0, into: &out)
        case .list(let l) where !l.isEmpty: writeList(l, indent: 0, into: &out)
        default: out = inline(value) + "\n"
        }
        return out
    }

    /// A stream: each document preceded by `---` and its comment lines (`# ...`), if any.
    public static func stream(_ documents: [(comment: String?, value: YAMLValue)]) -> String {
        var out = ""
        for (comment, value) in documents {
            out += "---\n"
            if let comment {
                for line in comment.split(separator: "\n", omittingEmptySubsequences: false) { out += "# \(line)\n" }
            }
            out += document(value)
        }
        return out
    }

    /// Compact JSON (`JSONEncoder`, keys sorted; non-finite numbers become null) that also reads
    /// back as the same value as YAML: the characters YAML 1.1 takes for line breaks (NEL, LS, PS)
    /// and other invisible ones are escaped, which JSON allows but does not require.
    public static func json(_ value: YAMLValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a YAMLValue cannot fail: every case maps to a JSON value.
        let text = (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
        // Outside strings JSON has only ASCII, so every such character is inside a string.
        var out = ""
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if (v >= 0x7F && v <= 0x9F) || v == 0x2028 || v == 0x2029 || v == 0xFEFF {
                let hex = String(v, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A scalar or empty collection on one line.
    public static func inline(_ value: YAMLValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let d): return float(d)
        case .string(let s): return quoted(s)
        case .list(let l): return l.isEmpty ? "[]" : "[" + l.map(inline).joined(separator: ", ") + "]"
        case .map(let m):
            return m.isEmpty
                ? "{}" : "{" + m.entries.map { quoted($0.key) + ": " + inline($0.value) }.joined(separator: ", ") + "}"
        }
    }

    /// `s` plain when that reads back as the string `s` (also inside flow collections), else double-quoted.
    public static func quoted(_ s: String) -> String { YAMLScalarFormatter.string(s, flow: true) }

    static func float(_ d: Double) -> String {
        if d.isNaN { return ".nan" }
        if d.isInfinite { return d < 0 ? "-.inf" : ".inf" }
        return "\(d)"
    }

    // MARK: - Block

    static func spaces(_ n: Int) -> String { String(repeating: " ", count: n) }

    static func isBlockCollection(_ value: YAMLValue) -> Bool {
        switch value {
        case .map(let m): return !m.isEmpty
        case .list(let l): return !l.isEmpty
        default: return false
        }
    }

    /// ` value` after `key:` or `- `, including the line break (block scalars continue below at `indent`).
    static func scalarTail(_ value: YAMLValue, indent: Int) -> String {
        if case .string(let s) = value, let block = literalBlock(s, indent: indent) { return " " + block }
        return " " + inline(value) + "\n"
    }

    static func writeMap(_ map: YAMLMap, indent: Int, into out: inout String) {
        for (key, value) in map.entries {
            out += spaces(indent) + quoted(key) + ":"
            switch value {
            case .map(let m) where !m.isEmpty:
                out += "\n"
                writeMap(m, indent: indent + 2, into: &out)
            case .list(let l) where !l.isEmpty:
                out += "\n"
                writeList(l, indent: indent + 2, into: &out)
            default:
                out += scalarTail(value, indent: indent + 2)
            }
        }
    }

    static func writeList(_ list: [YAMLValue], indent: Int, into out: inout String) {
        for item in list {
            out += spaces(indent) + "-"
            switch item {
            case .map(let m) where !m.isEmpty:
                // The first entry shares the "- " line; the rest line up under it.
                var first = ""
                writeMap(m, indent: indent + 2, into: &first)
                out += " " + first.dropFirst(indent + 2)
            case .list(let l) where !l.isEmpty:
                out += "\n"
                writeList(l, indent: indent + 2, into: &out)
            default:
                out += scalarTail(item, indent: indent + 2)
            }
        }
    }

    /// `|`, `|-` or `|+` and the indented lines, when a literal block writes `s` exactly.
    static func literalBlock(_ s: String, indent: Int) -> String? {
        guard s.contains("\n") else { return nil }
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v == 0x0A { continue }
            if v < 0x20 && v != 0x09 { return nil }
            if v == 0x7F || v == 0x85 || v == 0x2028 || v == 0x2029 || v == 0xFEFF || (v >= 0x80 && v < 0xA0) {
                return nil
            }
        }
        var body = Substring(s)
        var trailing = 0
        while body.last == "\n" {
            body = body.dropLast()
            trailing += 1
        }
        guard !body.isEmpty else { return nil }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        // A leading blank or space would need an indentation indicator.
        guard let first = lines.first, !first.isEmpty, first.first != " ", first.first != "\t" else { return nil }
        let chomp = trailing == 0 ? "-" : trailing == 1 ? "" : "+"
        var out = "|" + chomp + "\n"
        for line in lines { out += line.isEmpty ? "\n" : spaces(indent) + line + "\n" }
        if trailing > 1 { out += String(repeating: "\n", count: trailing - 1) }
        return out
    }
}
