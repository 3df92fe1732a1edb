import CanaryQueries
import YAMLScalars
import YAMLStream

/// Reads one check mapping strictly: known keys only, numbers as plain scalars.
struct CheckParser {
    let at: Located
    let node: YAMLNodeID
    var doc: YAMLDocument { at.doc }

    static let keys = ["name", "query", "unit", "min", "max", "primary", "noData"]
    static let comparisonKeys = ["maxRatio", "maxIncrease", "minRatio", "maxDecrease", "slack"]

    func check() throws(AnalysisError) -> CustomCheck {
        try at.onlyKeys(node, Self.keys)
        let name = try required("name")
        let nameBytes = Array(name.utf8)
        guard !nameBytes.isEmpty, nameBytes.count <= 63,
            nameBytes.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }),
            nameBytes.first != 0x2D, nameBytes.last != 0x2D
        else {
            throw at.error(valueNode("name"), "check name `\(name)` must be lower-case letters, digits and '-'")
        }
        guard BuiltinCheck(rawValue: name) == nil else {
            throw at.error(valueNode("name"), "`\(name)` is a built-in check; choose another name")
        }
        let queryText = try required("query")
        let query: QueryTemplate
        do { query = try QueryTemplate(queryText) } catch {
            throw at.error(valueNode("query"), "check \(name): \(error.description)")
        }
        var check = CustomCheck(
            name: name, query: query, min: try number("min", in: node),
            max: try number("max", in: node), unit: try string("unit") ?? "")
        if let entry = doc.entry("primary", in: node) {
            let mapping = doc.resolve(entry.value)
            guard doc[mapping].kind == .mapping else {
                throw at.error(entry.value, "`primary` must be a mapping of bounds")
            }
            try at.onlyKeys(mapping, Self.comparisonKeys)
            let comparison = CustomCheck.Comparison(
                maxRatio: try number("maxRatio", in: mapping), maxIncrease: try number("maxIncrease", in: mapping),
                minRatio: try number("minRatio", in: mapping), maxDecrease: try number("maxDecrease", in: mapping),
                slack: try number("slack", in: mapping) ?? 0)
            guard comparison.upper(0) != nil || comparison.lower(0) != nil else {
                throw at.error(
                    entry.value,
                    "check \(name): `primary` needs maxRatio, maxIncrease, minRatio or maxDecrease")
            }
            check.primary = comparison
        }
        if let noData = try string("noData") {
            guard let result = CheckResult(rawValue: noData), result != .skipped else {
                throw at.error(valueNode("noData"), "noData must be inconclusive, pass or fail")
            }
            check.noData = result
        }
        guard check.min != nil || check.max != nil || check.primary != nil else {
            throw at.error(node, "check \(name) needs min, max or primary bounds")
        }
        if let min = check.min, let max = check.max, min > max {
            throw at.error(node, "check \(name): min \(NumberText.format(min)) is above max \(NumberText.format(max))")
        }
        return check
    }

    /// The value node of `key`, which the caller knows is there.
    func valueNode(_ key: String) -> YAMLNodeID { doc.entry(key, in: node)?.value ?? node }

    func required(_ key: String) throws(AnalysisError) -> String {
        guard let text = try string(key) else { throw at.error(node, "a check needs `\(key)`") }
        return text
    }

    func string(_ key: String) throws(AnalysisError) -> String? {
        guard let entry = doc.entry(key, in: node), !doc.isNull(doc.resolve(entry.value)) else { return nil }
        let value = doc.resolve(entry.value)
        guard doc[value].kind == .scalar, let text = doc.scalar(value), !text.isEmpty else {
            throw at.error(entry.value, "`\(key)` must be a non-empty string")
        }
        return text
    }

    func number(_ key: String, in mapping: YAMLNodeID) throws(AnalysisError) -> Double? {
        guard let entry = doc.entry(key, in: mapping) else { return nil }
        let value = doc.resolve(entry.value)
        // Digits, '.', '-', '+', 'e', 'E': no `inf`, `nan` or hex.
        let numeric: (UInt8) -> Bool = { ($0 >= 0x30 && $0 <= 0x39) || [0x2E, 0x2D, 0x2B, 0x65, 0x45].contains($0) }
        guard doc[value].kind == .scalar, doc[value].style == .plain, let text = doc.scalar(value),
            text.utf8.allSatisfy(numeric), let number = Double(text), number.isFinite
        else {
            throw at.error(entry.value, "`\(key)` must be a number")
        }
        return number
    }
}
