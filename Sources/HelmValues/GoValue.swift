import YAMLValues

/// A Helm values tree with Go's reference semantics: maps and lists are shared, not copied, when
/// stored in another map, and writing an existing list index changes every holder of that list.
///
/// helm-controller composes values with `MergeMaps` and Helm's `strvals` on such trees, and the
/// sharing is observable (a `targetPath` written into a map that `spec.values` shares survives the
/// final merge). Modelling it exactly is what makes `flux build` compose values as Flux does.
enum GoValue {
    case null
    case bool(Bool)
    case int(Int64)
    case float(Double)
    case string(String)
    case list(GoList)
    case map(GoMap)

    /// A fresh tree holding `value` (nothing shared with any other tree).
    init(_ value: YAMLValue) {
        switch value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .float(let d): self = .float(d)
        case .string(let s): self = .string(s)
        case .list(let l): self = .list(GoList(l.map(GoValue.init)))
        case .map(let m): self = .map(GoMap(m))
        }
    }

    /// The tree as a value (mapping keys sorted, as Helm writes them).
    var value: YAMLValue {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .string(let s): return .string(s)
        case .list(let l): return .list(l.items.map(\.value))
        case .map(let m): return .map(m.value)
        }
    }

    /// Go's name of the dynamic type, for messages that mirror Go's type-assertion panics.
    var goTypeName: String {
        switch self {
        case .null: return "nil"
        case .bool: return "bool"
        case .int: return "int64"
        case .float: return "float64"
        case .string: return "string"
        case .list: return "[]interface {}"
        case .map: return "map[string]interface {}"
        }
    }
}

/// A Go `map[string]any`: a reference.
final class GoMap {
    var storage: [String: GoValue]

    init(_ storage: [String: GoValue] = [:]) { self.storage = storage }

    convenience init(_ map: YAMLMap) {
        var storage: [String: GoValue] = [:]
        for (key, value) in map.entries { storage[key] = GoValue(value) }
        self.init(storage)
    }

    subscript(key: String) -> GoValue? {
        get { storage[key] }
        set { storage[key] = newValue }
    }

    var isEmpty: Bool { storage.isEmpty }

    var value: YAMLMap {
        YAMLMap(storage.keys.sorted().map { ($0, storage[$0]!.value) })
    }

    /// fluxcd/pkg chartutil `MergeMaps(a, b)`: a new top-level map holding `a`'s entries, then
    /// `b`'s; where both hold a map under one key the two are merged recursively (into a new map),
    /// otherwise `b`'s value is stored as it is (shared).
    static func merge(_ a: GoMap?, _ b: GoMap?) -> GoMap {
        let out = GoMap(a?.storage ?? [:])
        for (key, value) in b?.storage ?? [:] {
            if case .map(let inner) = value, case .map(let existing)? = out[key] {
                out[key] = .map(merge(existing, inner))
                continue
            }
            out[key] = value
        }
        return out
    }
}

/// A Go `[]any`: a reference. Writing an index within its length writes the shared storage;
/// growing it makes a new list (Helm's `setIndex` allocates a longer slice).
final class GoList {
    var items: [GoValue]
    init(_ items: [GoValue] = []) { self.items = items }
}
