/// A YAML (or JSON) value as Kubernetes tooling reads it: what a document means, not how it is written.
///
/// Equality is semantic: mappings compare without regard to key order, and an integer equals the
/// floating-point number with the same value (a JSON round trip, as in Kustomize's JSON patches,
/// may turn `25.0` into `25`).
public enum YAMLValue: Sendable, Equatable {
    /// `null`, `~` or an empty plain scalar.
    case null
    /// A boolean (YAML 1.1 spellings included, as `sigs.k8s.io/yaml` reads them).
    case bool(Bool)
    /// An integer.
    case int(Int64)
    /// A floating-point number.
    case float(Double)
    /// A string.
    case string(String)
    /// A sequence.
    case list([YAMLValue])
    /// A mapping with string keys, in source order.
    case map(YAMLMap)

    /// Semantic equality (see the type's documentation).
    public static func == (lhs: YAMLValue, rhs: YAMLValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.float(a), .float(b)): return a == b || (a.isNaN && b.isNaN)
        case let (.int(a), .float(b)), let (.float(b), .int(a)): return Double(a) == b
        case let (.string(a), .string(b)): return a == b
        case let (.list(a), .list(b)): return a == b
        case let (.map(a), .map(b)): return a == b
        default: return false
        }
    }

    /// The string, if this is one.
    public var string: String? { if case .string(let s) = self { s } else { nil } }
    /// The mapping, if this is one.
    public var map: YAMLMap? { if case .map(let m) = self { m } else { nil } }
    /// The list, if this is one.
    public var list: [YAMLValue]? { if case .list(let l) = self { l } else { nil } }
    /// The boolean, if this is one.
    public var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
    /// Whether this is `null`.
    public var isNull: Bool { if case .null = self { true } else { false } }

    /// The value of `key` in a mapping (nil for anything else).
    public subscript(key: String) -> YAMLValue? { map?[key] }

    /// Follows mapping keys from this value.
    public func value(at path: [String]) -> YAMLValue? {
        var current = self
        for key in path {
            guard let next = current[key] else { return nil }
            current = next
        }
        return current
    }

    /// A copy with `value` stored at `path` (missing or non-mapping levels become mappings);
    /// a nil `value` removes the entry.
    public func setting(_ path: [String], to value: YAMLValue?) -> YAMLValue {
        guard let key = path.first else { return value ?? .null }
        var map = self.map ?? YAMLMap()
        if path.count == 1 {
            map[key] = value
        } else {
            let child = map[key] ?? .map(YAMLMap())
            map[key] = child.setting(Array(path.dropFirst()), to: value)
        }
        return .map(map)
    }

    /// A short description for messages: `a mapping`, `a list`, `the string "x"`, ...
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return "the boolean \(b)"
        case .int(let i): return "the integer \(i)"
        case .float(let f): return "the number \(f)"
        case .string(let s): return "the string \"\(s)\""
        case .list: return "a list"
        case .map: return "a mapping"
        }
    }
}
