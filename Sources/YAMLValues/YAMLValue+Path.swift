/// One step of a path into a value: a mapping key or a list index.
public enum YAMLPathComponent: Sendable, Hashable, CustomStringConvertible {
    /// A mapping key.
    case key(String)
    /// A list index.
    case index(Int)

    /// `.key` or `[i]`.
    public var description: String {
        switch self {
        case .key(let k): return "." + k
        case .index(let i): return "[\(i)]"
        }
    }
}

extension Array where Element == YAMLPathComponent {
    /// `spec.values.args[2]`.
    public var dotted: String {
        var text = map(\.description).joined()
        if text.hasPrefix(".") { text.removeFirst() }
        return text.isEmpty ? "(the document)" : text
    }
}

extension YAMLValue {
    /// The value at `path`, if every step exists.
    public func value(at path: [YAMLPathComponent]) -> YAMLValue? {
        var current = self
        for step in path {
            switch step {
            case .key(let k):
                guard let next = current[k] else { return nil }
                current = next
            case .index(let i):
                guard let list = current.list, list.indices.contains(i) else { return nil }
                current = list[i]
            }
        }
        return current
    }

    /// A copy with `value` at `path` (a nil `value` removes a mapping entry). Missing mapping
    /// levels are created; an index must exist (or be the list's count, to append).
    public func setting(_ path: [YAMLPathComponent], to value: YAMLValue?) -> YAMLValue {
        guard let step = path.first else { return value ?? .null }
        let rest = Array(path.dropFirst())
        switch step {
        case .key(let key):
            var map = self.map ?? YAMLMap()
            if rest.isEmpty {
                map[key] = value
            } else {
                map[key] = (map[key] ?? .map(YAMLMap())).setting(rest, to: value)
            }
            return .map(map)
        case .index(let i):
            var list = self.list ?? []
            if i == list.count { list.append(.null) }
            guard list.indices.contains(i) else { return self }
            if rest.isEmpty {
                if let value { list[i] = value } else { list.remove(at: i) }
            } else {
                list[i] = list[i].setting(rest, to: value)
            }
            return .list(list)
        }
    }

    /// Where `other` first differs from this value, as a path and a description, or nil when the
    /// two are equal (semantic equality, see the type).
    public func firstDifference(from other: YAMLValue, at path: [YAMLPathComponent] = []) -> (
        path: [YAMLPathComponent], message: String
    )? {
        switch (self, other) {
        case (.map(let a), .map(let b)):
            for key in a.keys where b[key] == nil {
                return (path + [.key(key)], "is missing")
            }
            for key in b.keys where a[key] == nil {
                return (path + [.key(key)], "appeared with \(b[key]!.kindDescription)")
            }
            for key in a.keys {
                if let d = a[key]!.firstDifference(from: b[key]!, at: path + [.key(key)]) { return d }
            }
            return nil
        case (.list(let a), .list(let b)):
            for (i, pair) in zip(a, b).enumerated() {
                if let d = pair.0.firstDifference(from: pair.1, at: path + [.index(i)]) { return d }
            }
            if a.count != b.count { return (path, "has \(b.count) items instead of \(a.count)") }
            return nil
        default:
            return self == other ? nil : (path, "is \(other.kindDescription) instead of \(kindDescription)")
        }
    }
}
