import YAMLStream
import YAMLValues

/// Reading the few values analysis needs (check files, state annotations, names) the way kubectl
/// reads them: entries after merge keys and repeated keys, aliases followed.
extension YAMLDocument {
    /// The value node of `key` in `mapping`, aliases followed.
    package func value(_ key: String, in mapping: YAMLNodeID) -> YAMLNodeID? {
        (try? lookup(key, in: mapping))?.value
    }

    /// The key and (as written) value nodes of `key` in `mapping`.
    package func entry(_ key: String, in mapping: YAMLNodeID) -> (key: YAMLNodeID, value: YAMLNodeID)? {
        (try? lookup(key, in: mapping)).flatMap { $0.map { ($0.key, $0.written) } }
    }

    /// The value node at `path` below `node`.
    package func value(at path: [String], from node: YAMLNodeID) -> YAMLNodeID? {
        (try? lookup(path, from: node))?.value
    }

    /// A scalar as the string a string field receives: strings as they are, numbers and booleans
    /// as JSON writes them (`060` is "48"); nil for null, collections and unreadable scalars.
    package func scalar(_ id: YAMLNodeID) -> String? {
        guard self[resolve(id)].kind == .scalar, let value = try? scalarValue(id) else { return nil }
        switch value {
        case .string(let s): return s
        case .null: return nil
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .float(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        }
    }
}
