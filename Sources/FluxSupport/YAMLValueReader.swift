import YAMLStream

/// Reads YAML into `YAMLValue`s the way Kubernetes tooling (`sigs.k8s.io/yaml`, go-yaml v2) does:
/// YAML 1.1 plain scalars (`yes`/`on` are booleans, `0x1F` and `0777` integers), quoted scalars are
/// strings, aliases are expanded, `<<` merge keys are applied (explicit keys win), non-string keys
/// become their text, and a repeated key keeps its last value.
public enum YAMLValueReader {
    /// Most nodes one document may expand to (aliases included), so alias bombs fail fast.
    public static let maxExpandedNodes = 2_000_000

    /// The non-empty documents of a stream, in order.
    /// - Throws: `YAMLValueError` for the first syntax error or unsupported construct.
    public static func documents(_ source: SourceBuffer) throws(YAMLValueError) -> [YAMLValue] {
        try numberedDocuments(source).map(\.value)
    }

    /// The non-empty documents of a stream with their 1-based document numbers.
    public static func numberedDocuments(_ source: SourceBuffer) throws(YAMLValueError) -> [(number: Int, value: YAMLValue)] {
        var result: [(number: Int, value: YAMLValue)] = []
        var failure: YAMLValueError?
        let outcome = YAMLStreamParser(maxScalarLength: Int(Int32.max)).parse(source) { doc in
            guard failure == nil, doc.root != nil else { return }
            do throws(YAMLValueError) {
                let value = try self.value(of: doc)
                if !value.isNull { result.append((doc.number, value)) }
            } catch {
                failure = error
            }
        }
        if let error = outcome.errors.first {
            throw YAMLValueError(line: error.mark.line, documentNumber: error.documentNumber, message: error.message)
        }
        if let failure { throw failure }
        return result
    }

    /// The documents of `text`.
    public static func documents(_ text: String) throws(YAMLValueError) -> [YAMLValue] {
        try documents(SourceBuffer(text))
    }

    /// The value of one parsed document (`.null` when it is empty).
    public static func value(of doc: YAMLDocument) throws(YAMLValueError) -> YAMLValue {
        guard let root = doc.root else { return .null }
        var budget = maxExpandedNodes
        return try convert(doc, root, budget: &budget, depth: 0)
    }

    /// What a plain (unquoted, untagged) scalar means in YAML 1.1 as go-yaml v2 resolves it.
    public static func resolvePlain(_ text: String) -> YAMLValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": return .bool(true)
        case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: break
        }
        guard let first = text.utf8.first, "+-.0123456789".utf8.contains(first) else { return .string(text) }
        let plain = text.replacingAll("_", with: "")
        if let int = goParseInt(plain) { return .int(int) }
        if isYAMLFloat(plain), let double = Double(plain) { return .float(double) }
        return .string(text)
    }

    // MARK: - Conversion

    static func convert(_ doc: YAMLDocument, _ index: Int, budget: inout Int, depth: Int) throws(YAMLValueError) -> YAMLValue {
        budget -= 1
        guard budget > 0 else {
            throw YAMLValueError(line: Int(doc[index].line), documentNumber: doc.number,
                                 message: "the document expands to more than \(maxExpandedNodes) nodes (aliases); refusing it")
        }
        guard depth < 1_000 else {
            throw YAMLValueError(line: Int(doc[index].line), documentNumber: doc.number, message: "nesting deeper than 1000 levels")
        }
        let node = doc[index]
        switch node.kind {
        case .alias:
            let target = doc.resolve(index)
            guard target != index else {
                throw YAMLValueError(line: Int(node.line), documentNumber: doc.number,
                                     message: "undefined alias *\(doc.aliasName(index) ?? "")")
            }
            return try convert(doc, target, budget: &budget, depth: depth + 1)
        case .scalar:
            return try scalar(doc, index)
        case .sequence:
            var items: [YAMLValue] = []
            for child in doc.children(index) { items.append(try convert(doc, child, budget: &budget, depth: depth + 1)) }
            return .list(items)
        case .mapping:
            var map = YAMLMap()
            var merged: [YAMLMap] = []
            for (k, v) in doc.entries(index) {
                if doc[k].kind == .scalar, doc[k].style == .plain, doc.scalar(k) == "<<", doc.tag(k) == nil || doc.tag(k) == "tag:yaml.org,2002:merge" {
                    switch try convert(doc, v, budget: &budget, depth: depth + 1) {
                    case .map(let m): merged.append(m)
                    case .list(let list):
                        for item in list {
                            guard case .map(let m) = item else {
                                throw YAMLValueError(line: Int(doc[v].line), documentNumber: doc.number, message: "a << merge list must hold mappings")
                            }
                            merged.append(m)
                        }
                    default:
                        throw YAMLValueError(line: Int(doc[v].line), documentNumber: doc.number, message: "a << merge value must be a mapping or a list of mappings")
                    }
                    continue
                }
                let key = try keyText(doc, k, budget: &budget, depth: depth)
                map[key] = try convert(doc, v, budget: &budget, depth: depth + 1)
            }
            for m in merged {
                for (key, value) in m.entries where map[key] == nil { map[key] = value }
            }
            return .map(map)
        }
    }

    static func keyText(_ doc: YAMLDocument, _ index: Int, budget: inout Int, depth: Int) throws(YAMLValueError) -> String {
        let key = try convert(doc, index, budget: &budget, depth: depth + 1)
        switch key {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .int(let i): return String(i)
        case .float: return doc.scalar(doc.resolve(index)) ?? ""
        case .list, .map:
            throw YAMLValueError(line: Int(doc[index].line), documentNumber: doc.number,
                                 message: "a mapping key must be a scalar, found \(key.kindDescription)")
        }
    }

    static func scalar(_ doc: YAMLDocument, _ index: Int) throws(YAMLValueError) -> YAMLValue {
        let node = doc[index]
        guard let text = doc.scalar(index) else {
            throw YAMLValueError(line: Int(node.line), documentNumber: doc.number, message: "scalar too long")
        }
        if let tag = doc.tag(index) {
            switch tag {
            case "tag:yaml.org,2002:str", "tag:yaml.org,2002:binary", "tag:yaml.org,2002:timestamp": return .string(text)
            case "tag:yaml.org,2002:null": return .null
            case "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float":
                let resolved = resolvePlain(text)
                if case .string = resolved {
                    throw YAMLValueError(line: Int(node.line), documentNumber: doc.number, message: "cannot read \(YAMLScalarFormatter.doubleQuoted(text)) as \(tag)")
                }
                return resolved
            default:
                break
            }
        }
        return node.style == .plain ? resolvePlain(text) : .string(text)
    }

    // MARK: - Numbers

    /// Go's `strconv.ParseInt(s, 0, 64)`: optional sign, then `0x`, `0o`, `0b`, a leading `0` (octal) or decimal.
    static func goParseInt(_ s: String) -> Int64? {
        var body = Substring(s)
        var negative = false
        if body.first == "+" || body.first == "-" {
            negative = body.first == "-"
            body = body.dropFirst()
        }
        guard !body.isEmpty else { return nil }
        var radix = 10
        let lower = body.lowercased()
        if lower.hasPrefix("0x") { radix = 16; body = body.dropFirst(2) }
        else if lower.hasPrefix("0o") { radix = 8; body = body.dropFirst(2) }
        else if lower.hasPrefix("0b") { radix = 2; body = body.dropFirst(2) }
        else if body.count > 1 && body.first == "0" { radix = 8; body = body.dropFirst() }
        guard !body.isEmpty, body.first != "+", body.first != "-", let magnitude = UInt64(body, radix: radix) else { return nil }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// go-yaml v2's float pattern: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
    static func isYAMLFloat(_ s: String) -> Bool {
        var bytes = Array(s.utf8)[...]
        func digits() -> Int {
            var n = 0
            while let b = bytes.first, b >= 0x30 && b <= 0x39 { bytes = bytes.dropFirst(); n += 1 }
            return n
        }
        if bytes.first == 0x2B || bytes.first == 0x2D { bytes = bytes.dropFirst() }
        if bytes.first == 0x2E {
            bytes = bytes.dropFirst()
            guard digits() > 0 else { return false }
        } else {
            guard digits() > 0 else { return false }
            if bytes.first == 0x2E { bytes = bytes.dropFirst(); _ = digits() }
        }
        if bytes.first == 0x65 || bytes.first == 0x45 {
            bytes = bytes.dropFirst()
            if bytes.first == 0x2B || bytes.first == 0x2D { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
