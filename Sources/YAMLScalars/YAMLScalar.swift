/// What a scalar means, as go-yaml v2 decodes it into `interface{}`: the reading of
/// sigs.k8s.io/yaml, and so of kubectl, the API server's clients and Helm.
///
/// Timestamps read as their text (go-yaml v2 keeps them strings when decoding into
/// `interface{}`), so they are `.string`. `!!binary` reads as its decoded bytes.
public enum YAMLScalar: Sendable, Hashable, CustomStringConvertible {
    /// `~`, `null`, `Null`, `NULL` or an empty plain scalar; `!!null`.
    case null
    /// YAML 1.1 booleans (`y`, `yes`, `on`, `true`, ... in their three spellings).
    case bool(Bool)
    /// An integer that fits a signed 64-bit integer.
    case int(Int64)
    /// An integer above `Int64.max` that fits an unsigned 64-bit integer.
    case uint(UInt64)
    /// A floating-point number (`.inf` and `.nan` included).
    case float(Double)
    /// Anything else.
    case string(String)

    /// The value as a whole number when it is one that JSON writes without a fraction
    /// (go's `json.Marshal` writes `60.0` as `60`), else nil.
    public var integerValue: Int64? {
        switch self {
        case .int(let i): return i
        case .uint(let u): return u <= UInt64(Int64.max) ? Int64(u) : nil
        case .float(let d):
            guard d.isFinite, d == d.rounded(), abs(d) < 1e15 else { return nil }
            return Int64(d)
        default: return nil
        }
    }

    /// The string, if the scalar is one.
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }

    /// Whether the scalar is null.
    public var isNull: Bool { self == .null }

    /// A short description for messages: `null`, `the boolean true`, `the integer 48`, `the string "x"`.
    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return "the boolean \(b)"
        case .int(let i): return "the integer \(i)"
        case .uint(let u): return "the integer \(u)"
        case .float(let d): return "the number \(YAMLScalarResolver.goFloatText(d))"
        case .string(let s): return "the string \(YAMLScalarFormatter.doubleQuoted(s))"
        }
    }

    /// Semantic equality as JSON sees it: an integer equals the float of the same value.
    public func sameJSONValue(as other: YAMLScalar) -> Bool {
        switch (self, other) {
        case (.float(let a), .float(let b)): return a == b || (a.isNaN && b.isNaN)
        case (.int(let a), .float(let b)), (.float(let b), .int(let a)): return Double(a) == b
        case (.uint(let a), .float(let b)), (.float(let b), .uint(let a)): return Double(a) == b
        case (.int(let a), .uint(let b)), (.uint(let b), .int(let a)): return a >= 0 && UInt64(a) == b
        default: return self == other
        }
    }
}

/// A tagged scalar whose text the tag cannot hold (`!!int 1.5`, `!!null x`), or invalid `!!binary`.
/// go-yaml v2 (and so kubectl) refuses the whole document.
public struct YAMLScalarError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What go-yaml would say.
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
