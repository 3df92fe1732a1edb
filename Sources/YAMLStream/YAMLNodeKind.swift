/// What a node is.
public enum YAMLNodeKind: UInt8, Sendable {
    /// A scalar (plain, quoted or block).
    case scalar
    /// A sequence (block or flow).
    case sequence
    /// A mapping (block or flow).
    case mapping
    /// An alias (`*name`); never expanded.
    case alias
}
