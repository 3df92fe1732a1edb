/// The one scalar resolver of kserve-canary: go-yaml v2's `resolve` (YAML 1.1), which
/// sigs.k8s.io/yaml uses for kubectl and Helm (go-yaml `resolve.go`, `decode.go` `decoder.scalar`).
///
/// - Untagged plain scalars resolve; quoted and block scalars are strings.
/// - The first character picks the path: `+ - 0-9` number (or timestamp); `y Y n N t T f F o O ~`
///   the fixed table only; `.` float; anything else is a string.
/// - Fixed spellings: `y Y yes Yes YES true True TRUE on On ON`, `n N no No NO false False FALSE
///   off Off OFF`, null `""`, `~`, `null`, `Null`, `NULL`, `.nan`, `[+-].inf` in three spellings.
/// - Numbers: every `_` removed, then Go's `ParseInt(s, 0, 64)` (sign, `0x` `0o` `0b` in either
///   case, a leading `0` is octal: `060` is 48), then `ParseUint`, then a decimal float
///   (`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`; `08` is the float 8).
/// - Tags: `!!str` keeps the text, `!!int`/`!!float`/`!!bool`/`!!null`/`!!timestamp` must resolve to
///   their type (an int is accepted as a float), `!!binary` is base64, any other tag (`!`, `!foo`)
///   leaves a string.
public enum YAMLScalarResolver {
    /// `tag:yaml.org,2002:`.
    public static let tagPrefix = "tag:yaml.org,2002:"

    /// What the scalar `value`, written in `style` with `tag` (as libyaml reports it), means.
    /// - Throws: `YAMLScalarError` when a standard tag cannot hold the text.
    public static func resolve(_ value: String, style: YAMLNodeStyle, tag: String?) throws(YAMLScalarError)
        -> YAMLScalar
    {
        guard let tag else {
            return style == .plain ? resolvePlain(value) : .string(value)
        }
        guard tag.hasPrefix(tagPrefix) else { return .string(value) }
        let name = tag.dropFirst(tagPrefix.count)
        switch name {
        case "str":
            return .string(value)
        case "binary":
            guard let decoded = Base64Text.decode(value) else {
                throw YAMLScalarError("!!binary value contains invalid base64 data")
            }
            return .string(decoded)
        case "null", "bool", "int", "float", "timestamp":
            let resolved = resolveForTag(value, timestamps: name == "timestamp")
            switch (name, resolved) {
            case ("null", .null), ("bool", .bool), ("int", .int), ("int", .uint), ("float", .float):
                return resolved
            case ("float", .int(let i)):
                return .float(Double(i))
            case ("float", .uint(let u)):
                return .float(Double(u))
            case ("timestamp", .string) where isTimestamp(value):
                return .string(value)
            default:
                throw YAMLScalarError("cannot decode \(shortTag(of: resolved, value)) `\(value)` as a !!\(name)")
            }
        default:
            return .string(value)
        }
    }

    /// An untagged plain scalar.
    public static func resolvePlain(_ text: String) -> YAMLScalar {
        resolveForTag(text, timestamps: true)
    }

    /// go-yaml's `resolve` body for an untagged or standard-tagged scalar.
    static func resolveForTag(_ text: String, timestamps: Bool) -> YAMLScalar {
        var utf8 = text.utf8
        guard let first = utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"),
            UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"),
            UInt8(ascii: "o"), UInt8(ascii: "O"), UInt8(ascii: "~"):
            return fixed(text) ?? .string(text)
        case UInt8(ascii: "."):
            if let value = fixed(text) { return value }
            if isDecimalFloat(utf8), let d = Double(text), d.isFinite { return .float(d) }
            return .string(text)
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if let value = fixed(text) { return value }
            if timestamps && isTimestamp(text) { return .string(text) }
            var plain = text
            if utf8.contains(UInt8(ascii: "_")) {
                plain = String(decoding: utf8.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
                utf8 = plain.utf8
            }
            if let number = parseGoInteger(utf8) { return number }
            if isDecimalFloat(utf8), let d = Double(plain), d.isFinite { return .float(d) }
            return .string(text)
        default:
            return .string(text)
        }
    }

    /// Whether an untagged plain scalar with these (non-empty) bytes resolves to a string, decided
    /// without copying for the texts that start with a letter (keys, mostly); numbers, signs and
    /// dots take the full path.
    public static func isPlainString(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first else { return false }
        switch first {
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if case .string = resolvePlain(String(decoding: bytes, as: UTF8.self)) { return true }
            return false
        case UInt8(ascii: "~"):
            return bytes.count > 1
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"),
            UInt8(ascii: "T"),
            UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "o"), UInt8(ascii: "O"):
            return bytes.count > 5 || !fixedWords.contains { $0.elementsEqual(bytes) }
        default:
            return true
        }
    }

    /// The spellings of the fixed table that start with a letter.
    static let fixedWords: [[UInt8]] = [
        "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
        "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", "null", "Null", "NULL",
    ].map { Array($0.utf8) }

    /// The fixed table of `resolve.go`.
    static func fixed(_ text: String) -> YAMLScalar? {
        switch text {
        case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": return .bool(true)
        case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": return .bool(false)
        case "~", "null", "Null", "NULL": return .null
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        default: return nil
        }
    }

    /// Go's `strconv.ParseInt(s, 0, 64)`, then `ParseUint(s, 0, 64)` (no sign), on `s` without `_`.
    static func parseGoInteger(_ s: String.UTF8View) -> YAMLScalar? {
        var bytes = Array(s)[...]
        var negative = false
        var signed = false
        if let c = bytes.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            negative = c == UInt8(ascii: "-")
            signed = true
            bytes = bytes.dropFirst()
        }
        guard let first = bytes.first else { return nil }
        var radix: UInt64 = 10
        if first == UInt8(ascii: "0"), bytes.count > 1 {
            let second = bytes[bytes.startIndex + 1] | 0x20
            switch second {
            case UInt8(ascii: "x"):
                radix = 16
                bytes = bytes.dropFirst(2)
            case UInt8(ascii: "o"):
                radix = 8
                bytes = bytes.dropFirst(2)
            case UInt8(ascii: "b"):
                radix = 2
                bytes = bytes.dropFirst(2)
            default:
                radix = 8
                bytes = bytes.dropFirst()
            }
            guard !bytes.isEmpty else { return nil }
        }
        var magnitude: UInt64 = 0
        for c in bytes {
            let digit: UInt64
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt64(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt64(c - UInt8(ascii: "A") + 10)
            default: return nil
            }
            guard digit < radix else { return nil }
            let (shifted, o1) = magnitude.multipliedReportingOverflow(by: radix)
            let (sum, o2) = shifted.addingReportingOverflow(digit)
            guard !o1, !o2 else { return nil }
            magnitude = sum
        }
        if negative {
            if magnitude <= UInt64(Int64.max) { return .int(-Int64(magnitude)) }
            if magnitude == UInt64(Int64.max) + 1 { return .int(Int64.min) }
            return nil
        }
        if magnitude <= UInt64(Int64.max) { return .int(Int64(magnitude)) }
        return signed ? nil : .uint(magnitude)  // ParseUint takes no sign
    }

    /// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$` (go-yaml's `yamlStyleFloat`; for a
    /// leading `.` it is also exactly what Go's `ParseFloat` accepts).
    static func isDecimalFloat(_ s: String.UTF8View) -> Bool {
        var bytes = s[...]
        func digits() -> Int {
            var n = 0
            while let b = bytes.first, b >= 0x30 && b <= 0x39 {
                bytes = bytes.dropFirst()
                n += 1
            }
            return n
        }
        if let b = bytes.first, b == 0x2B || b == 0x2D { bytes = bytes.dropFirst() }
        if bytes.first == 0x2E {
            bytes = bytes.dropFirst()
            guard digits() > 0 else { return false }
        } else {
            guard digits() > 0 else { return false }
            if bytes.first == 0x2E {
                bytes = bytes.dropFirst()
                _ = digits()
            }
        }
        if let b = bytes.first, b == 0x65 || b == 0x45 {
            bytes = bytes.dropFirst()
            if let s = bytes.first, s == 0x2B || s == 0x2D { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }

    /// go-yaml's `parseTimestamp`: `YYYY-M-D`, optionally followed by `T`/`t`/space and `h:m:s`
    /// with an optional fraction and (after `T`/`t`) a `Z` or `±hh:mm` zone.
    static func isTimestamp(_ text: String) -> Bool {
        let b = Array(text.utf8)
        var i = 0
        func number(max: Int) -> Int? {
            let start = i
            while i < b.count, i - start < max, b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
            guard i > start else { return nil }
            return Int(String(decoding: b[start..<i], as: UTF8.self))
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard b.count >= 5, b[0...3].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), b[4] == 0x2D else { return false }
        i = 5
        guard let month = number(max: 2), (1...12).contains(month), expect(0x2D),
            let day = number(max: 2), (1...31).contains(day)
        else { return false }
        if i == b.count { return true }
        let separator = b[i]
        guard separator == 0x54 || separator == 0x74 || separator == 0x20 else { return false }
        i += 1
        guard let hour = number(max: 2), hour < 24, expect(0x3A), let minute = number(max: 2), minute < 60,
            expect(0x3A), let second = number(max: 2), second < 60
        else { return false }
        if i < b.count, b[i] == 0x2E {
            i += 1
            guard number(max: 9) != nil else { return false }
        }
        if i == b.count { return separator == 0x20 ? true : false }
        guard separator != 0x20 else { return false }
        if b[i] == 0x5A { return i + 1 == b.count }
        guard b[i] == 0x2B || b[i] == 0x2D else { return false }
        i += 1
        guard let zh = number(max: 2), zh < 24, expect(0x3A), let zm = number(max: 2), zm < 60 else { return false }
        return i == b.count
    }

    static func shortTag(of value: YAMLScalar, _ text: String) -> String {
        switch value {
        case .null: return "!!null"
        case .bool: return "!!bool"
        case .int, .uint: return "!!int"
        case .float: return "!!float"
        case .string: return "!!str"
        }
    }

    /// Go's `strconv.FormatFloat(d, 'g', -1, 64)`-like text for messages.
    static func goFloatText(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Inf" : "+Inf" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }
}
