import YAMLScalars
import YAMLStream

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
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.float(let a), .float(let b)): return a == b || (a.isNaN && b.isNaN)
        case (.int(let a), .float(let b)), (.float(let b), .int(let a)): return Double(a) == b
        case (.string(let a), .string(let b)): return a == b
        case (.list(let a), .list(let b)): return a == b
        case (.map(let a), .map(let b)): return a == b
        default: return false
        }
    }

    /// The value of a resolved scalar (integers beyond `Int64` become floats, as JSON reads them).
    public init(_ scalar: YAMLScalar) {
        switch scalar {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .uint(let u): self = .float(Double(u))
        case .float(let d): self = .float(d)
        case .string(let s): self = .string(s)
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

extension YAMLValue: Encodable {
    /// Encodes the value as the JSON it stands for (non-finite floats as null).
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .bool(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .int(let i):
            var c = encoder.singleValueContainer()
            try c.encode(i)
        case .float(let d):
            var c = encoder.singleValueContainer()
            if d.isFinite { try c.encode(d) } else { try c.encodeNil() }
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .list(let items):
            var c = encoder.unkeyedContainer()
            for item in items { try c.encode(item) }
        case .map(let map):
            var c = encoder.container(keyedBy: JSONKey.self)
            for (key, value) in map.entries { try c.encode(value, forKey: JSONKey(key)) }
        }
    }
}

/// Any string as a coding key.
struct JSONKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ key: String) { stringValue = key }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}
