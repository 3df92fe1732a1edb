/// One entry of a HelmRelease's `spec.valuesFrom` (Flux `meta.ValuesReference`).
public struct ValuesReference: Sendable, Equatable {
    /// `ConfigMap` or `Secret`.
    public var kind: String
    /// Name of the object, in the HelmRelease's namespace.
    public var name: String
    /// Data key holding the values (default `values.yaml`).
    public var valuesKey: String
    /// Where to put the value (Helm `--set` path syntax); empty merges the key's YAML at the root.
    public var targetPath: String
    /// Skip the reference when the object or key is missing.
    public var optional: Bool
    /// With `targetPath`: store the value as a literal string (no `--set` parsing or typing).
    public var literal: Bool

    /// Creates a reference.
    public init(
        kind: String, name: String, valuesKey: String = "", targetPath: String = "", optional: Bool = false,
        literal: Bool = false
    ) {
        self.kind = kind
        self.name = name
        self.valuesKey = valuesKey.isEmpty ? "values.yaml" : valuesKey
        self.targetPath = targetPath
        self.optional = optional
        self.literal = literal
    }
}
