import Foundation

/// An object as kubectl prints it (`-o json`): what the API server would receive.
///
/// Numbers keep Go's distinction between integers and non-integers as printed (`50` vs `50.5`);
/// kubectl prints a float64 50 as `50`, and so does the API server read it.
enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses JSON text (Foundation's parser; booleans are told from numbers by their type).
    static func parse(_ data: Data) throws -> JSONValue {
        JSONValue(any: try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
    }

    private init(any: Any) {
        switch any {
        case let s as String: self = .string(s)
        case let a as [Any]: self = .array(a.map(JSONValue.init(any:)))
        case let o as [String: Any]: self = .object(o.mapValues(JSONValue.init(any:)))
        case let n as NSNumber:
            switch String(cString: n.objCType) {
            case "c", "B": self = .bool(n.boolValue)
            case "d", "f": self = .double(n.doubleValue)
            default: self = .int(n.int64Value)
            }
        default: self = .null
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    /// The value at a path of object keys.
    func at(_ path: [String]) -> JSONValue? {
        var node: JSONValue? = self
        for key in path { node = node?[key] }
        return node
    }

    var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }
    var array: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }
    var object: [String: JSONValue]? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// Sets (or with nil removes) the value at a path of object keys; intermediate objects must exist.
    mutating func set(_ path: ArraySlice<String>, _ value: JSONValue?) {
        guard let key = path.first, case .object(var o) = self else { return }
        if path.count == 1 {
            o[key] = value
        } else if var child = o[key] {
            child.set(path.dropFirst(), value)
            o[key] = child
        }
        self = .object(o)
    }

    /// `Kind/namespace/name` of an object, for messages.
    var identity: String {
        let kind = self["kind"]?.string ?? "?"
        let name = at(["metadata", "name"])?.string ?? "?"
        let ns = at(["metadata", "namespace"])?.string
        return "\(kind)/" + (ns.map { $0 + "/" } ?? "") + name
    }

    /// Compact JSON text (for messages).
    var text: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .string(let s): return LayoutEmitter.doubleQuoted(s, gratuitous: false)
        case .array(let a): return "[" + a.map(\.text).joined(separator: ",") + "]"
        case .object(let o):
            return "{"
                + o.keys.sorted().map { LayoutEmitter.doubleQuoted($0, gratuitous: false) + ":" + o[$0]!.text }
                .joined(separator: ",") + "}"
        }
    }

    /// The first difference between `self` (expected) and `actual`, as `path: expected X, found Y`.
    func firstDifference(from actual: JSONValue, path: String = "") -> String? {
        switch (self, actual) {
        case (.object(let a), .object(let b)):
            for key in Set(a.keys).union(b.keys).sorted() {
                let here = path + "." + key
                switch (a[key], b[key]) {
                case (let x?, let y?): if let d = x.firstDifference(from: y, path: here) { return d }
                case (let x?, nil): return "\(here): expected \(x.text.prefix(120)), missing"
                case (nil, let y?): return "\(here): expected no value, found \(y.text.prefix(120))"
                default: break
                }
            }
            return nil
        case (.array(let a), .array(let b)):
            for (i, (x, y)) in zip(a, b).enumerated() {
                if let d = x.firstDifference(from: y, path: path + "[\(i)]") { return d }
            }
            return a.count == b.count ? nil : "\(path): expected \(a.count) items, found \(b.count)"
        default:
            return self == actual ? nil : "\(path): expected \(text.prefix(120)), found \(actual.text.prefix(120))"
        }
    }
}
