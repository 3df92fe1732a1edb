import YAMLScalars
import YAMLStream

extension YAMLDocument {
    /// The first reason kubectl (go-yaml v2, then sigs.k8s.io/yaml's conversion to JSON) cannot
    /// read this document although it parses, or nil. Checks every node, also those no rule
    /// reads, since kubectl refuses the whole document for one of them:
    /// - an explicitly tagged scalar its tag does not accept (`!!int abc`: "cannot decode !!str
    ///   `abc` as a !!int"; `!!binary` that is not padded base64);
    /// - a `<<` value that is not a mapping, an alias of one, or a sequence of them written in
    ///   place ("map merge requires map or sequence of maps as the value");
    /// - a key JSON cannot hold (null, a collection, an integer beyond Int64);
    /// - a value JSON cannot hold (`.nan`, `.inf`: "json: unsupported value").
    package func decodeProblem() -> YAMLValueError? {
        var failure: YAMLValueError?
        func check(_ body: () throws(YAMLValueError) -> Void) -> Bool {
            do throws(YAMLValueError) {
                try body()
                return true
            } catch {
                failure = error
                return false
            }
        }
        for i in 0..<nodeCount {
            let id = YAMLNodeID(i)
            switch self[id].kind {
            case .scalar where self[id].hasProperties && hasTag(id):
                guard check({ () throws(YAMLValueError) in _ = try scalarValue(id) }) else { return failure }
            case .mapping:
                let complete = forEachEntry(id) { key, value in
                    check { () throws(YAMLValueError) in
                        if isMergeKey(key) {
                            _ = try mergeSources(value)
                            return
                        }
                        if mayNotBeJSONKey(key) { _ = try jsonKey(key) }
                        try checkJSONValue(value)
                    }
                }
                if !complete { return failure }
            case .sequence:
                guard forEachChild(id, { item in check { () throws(YAMLValueError) in try checkJSONValue(item) } })
                else {
                    return failure
                }
            default:
                break
            }
        }
        return nil
    }

    /// Whether a key may resolve to something JSON cannot take as a key: an alias or collection, a
    /// tagged scalar, or a plain one that is empty, starts like a number or `~`, or is `null`.
    /// Quoted keys and other plain ones are strings or booleans, which JSON keys hold.
    private func mayNotBeJSONKey(_ key: YAMLNodeID) -> Bool {
        let node = self[key]
        guard node.kind == .scalar, !node.hasProperties || !hasTag(key) else { return true }
        guard node.style == .plain else { return false }
        guard let first = scalarFirstByte(key) else { return true }
        switch first {
        case 0x30...0x39, 0x2B, 0x2D, 0x2E, 0x7E: return true
        case 0x6E, 0x4E:
            return scalarTextEquals(key, "null") || scalarTextEquals(key, "Null") || scalarTextEquals(key, "NULL")
        default: return false
        }
    }

    /// Refuses a scalar value that resolves to NaN or an infinity (only plain scalars that start
    /// with `.`, `+` or `-`, and tagged ones, can).
    private func checkJSONValue(_ id: YAMLNodeID) throws(YAMLValueError) {
        let node = self[id]
        guard node.kind == .scalar else { return }
        if !hasTag(id) {
            guard node.style == .plain, let first = scalarFirstByte(id),
                first == 0x2E || first == 0x2B || first == 0x2D
            else { return }
        }
        guard case .float(let d) = try scalarValue(id), !d.isFinite else { return }
        throw YAMLValueError(
            mark: node.mark, documentNumber: number,
            message: "json: unsupported value: \(d.isNaN ? "NaN" : d > 0 ? "+Inf" : "-Inf") (JSON has no such number)")
    }
}
