import YAMLValues

/// The target of a Kustomize patch (Flux `kustomize.Selector`). Empty fields match anything;
/// `name` and `namespace` are anchored regular expressions in Kustomize.
public struct KustomizeSelector: Sendable, Equatable {
    /// API group, e.g. `helm.toolkit.fluxcd.io`.
    public var group: String = ""
    /// API version, e.g. `v2`.
    public var version: String = ""
    /// Kind, e.g. `HelmRelease`.
    public var kind: String = ""
    /// Name (anchored regular expression).
    public var name: String = ""
    /// Namespace (anchored regular expression).
    public var namespace: String = ""
    /// Label selector expression.
    public var labelSelector: String = ""
    /// Annotation selector expression.
    public var annotationSelector: String = ""

    /// Creates a selector.
    public init(
        group: String = "", version: String = "", kind: String = "", name: String = "", namespace: String = "",
        labelSelector: String = "", annotationSelector: String = ""
    ) {
        self.group = group
        self.version = version
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.labelSelector = labelSelector
        self.annotationSelector = annotationSelector
    }

    /// Reads a `target` mapping.
    public init(_ value: YAMLValue) {
        func field(_ key: String) -> String { value[key]?.string ?? "" }
        self.init(
            group: field("group"), version: field("version"), kind: field("kind"), name: field("name"),
            namespace: field("namespace"), labelSelector: field("labelSelector"),
            annotationSelector: field("annotationSelector"))
    }

    /// The non-empty fields, in Flux's field order.
    public var value: YAMLValue {
        var map = YAMLMap()
        for (key, field) in [
            ("group", group), ("version", version), ("kind", kind), ("name", name), ("namespace", namespace),
            ("labelSelector", labelSelector), ("annotationSelector", annotationSelector),
        ] where !field.isEmpty {
            map[key] = .string(field)
        }
        return .map(map)
    }

    /// `text` with the regular-expression metacharacters escaped, for an exact `name` or `namespace`.
    public static func literal(_ text: String) -> String {
        var out = ""
        for c in text {
            if "\\.+*?()|[]{}^$".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
