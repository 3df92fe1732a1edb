import YAMLScalars
import YAMLStream
import YAMLValues

/// A ConfigMap or Secret that `valuesFrom` can read: its identity and decoded data.
public struct ValuesSource: Sendable, Equatable {
    /// `ConfigMap` or `Secret`.
    public var kind: String
    /// Namespace of the object.
    public var namespace: String
    /// Name of the object.
    public var name: String
    /// Data by key: ConfigMap `data`; Secret `data` (base64-decoded) with `stringData` on top,
    /// as the API server stores it.
    public var data: [String: String]

    /// Creates a source.
    public init(kind: String, namespace: String, name: String, data: [String: String]) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.data = data
    }

    /// Reads a ConfigMap or Secret object; nil for any other kind.
    /// - Parameter defaultNamespace: used when the object has no `metadata.namespace`.
    /// - Throws: `YAMLValueError` when the object is malformed (no name, data not strings, bad base64).
    public init?(_ object: YAMLValue, defaultNamespace: String) throws(YAMLValueError) {
        guard let kind = object["kind"]?.string, kind == "ConfigMap" || kind == "Secret",
            object["apiVersion"]?.string == "v1"
        else { return nil }
        guard let name = object.value(at: ["metadata", "name"])?.string, !name.isEmpty else {
            throw YAMLValueError(message: "\(kind) without metadata.name")
        }
        let namespace = object.value(at: ["metadata", "namespace"])?.string ?? defaultNamespace
        func strings(_ field: String) throws(YAMLValueError) -> [(String, String)] {
            guard let value = object[field], !value.isNull else { return [] }
            guard let map = value.map else {
                throw YAMLValueError(message: "\(kind) \(namespace)/\(name): \(field) must be a mapping")
            }
            var out: [(String, String)] = []
            for (key, item) in map.entries {
                guard let text = item.string else {
                    throw YAMLValueError(
                        message:
                            """
                            \(kind) \(namespace)/\(name): \(field).\(key) must be a string, \
                            found \(item.kindDescription)
                            """
                    )
                }
                out.append((key, text))
            }
            return out
        }
        var data: [String: String] = [:]
        if kind == "ConfigMap" {
            for (key, text) in try strings("data") { data[key] = text }
        } else {
            for (key, text) in try strings("data") {
                guard let bytes = Base64Text.decodeBytes(text) else {
                    throw YAMLValueError(
                        message:
                            """
                            Secret \(namespace)/\(name): data.\(key) is not valid base64 (put plain text under \
                            stringData)
                            """
                    )
                }
                data[key] = String(decoding: bytes, as: UTF8.self)
            }
            for (key, text) in try strings("stringData") { data[key] = text }
        }
        self.init(kind: kind, namespace: namespace, name: name, data: data)
    }
}
