import YAMLValues

/// The ConfigMaps and Secrets `valuesFrom` can read, standing in for the cluster. A later object
/// with the same kind, namespace and name replaces an earlier one.
public struct ValuesSourceStore: Sendable {
    private var objects: [String: ValuesSource] = [:]

    /// An empty store.
    public init() {}

    /// Adds (or replaces) `source`.
    public mutating func add(_ source: ValuesSource) {
        objects[Self.key(source.kind, source.namespace, source.name)] = source
    }

    /// Adds every ConfigMap and Secret among `objects` (items of `kind: List` included).
    /// - Returns: how many were added.
    @discardableResult
    public mutating func add(objects values: [YAMLValue], defaultNamespace: String) throws(YAMLValueError) -> Int {
        var added = 0
        for value in values {
            if value["kind"]?.string == "List", let items = value["items"]?.list {
                added += try add(objects: items, defaultNamespace: defaultNamespace)
            } else if let source = try ValuesSource(value, defaultNamespace: defaultNamespace) {
                add(source)
                added += 1
            }
        }
        return added
    }

    /// The object of `kind` `namespace/name`, if present.
    public func find(kind: String, namespace: String, name: String) -> ValuesSource? {
        objects[Self.key(kind, namespace, name)]
    }

    /// Number of objects.
    public var count: Int { objects.count }

    private static func key(_ kind: String, _ namespace: String, _ name: String) -> String {
        kind + "\u{0}" + namespace + "\u{0}" + name
    }
}
