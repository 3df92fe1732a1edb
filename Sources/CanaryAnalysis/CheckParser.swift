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
        let name = try string("name", required: true)!
        let nameBytes = Array(name.utf8)
        guard !nameBytes.isEmpty, nameBytes.count <= 63,
              nameBytes.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }),
              nameBytes.first != 0x2D, nameBytes.last != 0x2D else {
            throw at.error(doc.entry("name", in: node)!.value, "check name `\(name)` must be lower-case letters, digits and '-'")
        }
        guard !Analyzer.builtinNames.contains(name) else {
            throw at.error(doc.entry("name", in: node)!.value, "`\(name)` is a built-in check; choose another name")
        }
        let queryText = try string("query", required: true)!
        let query: QueryTemplate
        do { query = try QueryTemplate(queryText) } catch {
            throw at.error(doc.entry("query", in: node)!.value, "check \(name): \(error.description)")
        }
        var check = CustomCheck(name: name, query: query, min: try number("min", in: node),
                                max: try number("max", in: node), unit: try string("unit") ?? "")
        if let entry = doc.entry("primary", in: node) {
            let mapping = doc.resolve(entry.value)
            guard doc[mapping].kind == .mapping else { throw at.error(entry.value, "`primary` must be a mapping of bounds") }
            try at.onlyKeys(mapping, Self.comparisonKeys)
            let comparison = CustomCheck.Comparison(
                maxRatio: try number("maxRatio", in: mapping), maxIncrease: try number("maxIncrease", in: mapping),
                minRatio: try number("minRatio", in: mapping), maxDecrease: try number("maxDecrease", in: mapping),
                slack: try number("slack", in: mapping) ?? 0)
            guard comparison.upper(0) != nil || comparison.lower(0) != nil else {
                throw at.error(entry.value, "check \(name): `primary` needs maxRatio, maxIncrease, minRatio or maxDecrease")
            }
            check.primary = comparison
        }
        if let noData = try string("noData") {
            guard let result = CheckResult(rawValue: noData), result != .skipped else {
                throw at.error(doc.entry("noData", in: node)!.value, "noData must be inconclusive, pass or fail")
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

    func string(_ key: String, required: Bool = false) throws(AnalysisError) -> String? {
        guard let entry = doc.entry(key, in: node), !doc.isNull(doc.resolve(entry.value)) else {
            if required { throw at.error(node, "a check needs `\(key)`") }
            return nil
        }
        let value = doc.resolve(entry.value)
        guard doc[value].kind == .scalar, let text = doc.scalar(value), !text.isEmpty else {
            throw at.error(entry.value, "`\(key)` must be a non-empty string")
        }
        return text
    }

    func number(_ key: String, in mapping: YAMLNodeID) throws(AnalysisError) -> Double? {
        guard let entry = doc.entry(key, in: mapping) else { return nil }
        let value = doc.resolve(entry.value)
        guard doc[value].kind == .scalar, doc[value].style == .plain, let text = doc.scalar(value),
              text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B || $0 == 0x65 || $0 == 0x45 }),
              let number = Double(text), number.isFinite else {
            throw at.error(entry.value, "`\(key)` must be a number")
        }
        return number
    }
}
