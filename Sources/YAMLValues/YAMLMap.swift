/// A YAML mapping with string keys that remembers the order keys were added in.
///
/// Equality ignores the order, as Kubernetes does.
public struct YAMLMap: Sendable, Equatable {
    /// The keys, in order.
    public private(set) var keys: [String] = []
    private var storage: [String: YAMLValue] = [:]

    /// An empty mapping.
    public init() {}

    /// A mapping of `pairs`, in order (a repeated key keeps its first position and its last value).
    public init(_ pairs: [(String, YAMLValue)]) {
        for (key, value) in pairs { self[key] = value }
    }

    /// Number of entries.
    public var count: Int { keys.count }
    /// Whether the mapping is empty.
    public var isEmpty: Bool { keys.isEmpty }

    /// The entries, in order.
    public var entries: [(key: String, value: YAMLValue)] { keys.map { ($0, storage[$0]!) } }

    /// The value of `key`; setting nil removes the entry.
    public subscript(key: String) -> YAMLValue? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// Equal entries, in any order.
    public static func == (lhs: YAMLMap, rhs: YAMLMap) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (key, value) in lhs.storage {
            guard let other = rhs.storage[key], other == value else { return false }
        }
        return true
    }
}
