/// How a node is written in the source.
public enum YAMLNodeStyle: UInt8, Sendable {
    /// Plain scalar.
    case plain
    /// `'single-quoted'` scalar.
    case singleQuoted
    /// `"double-quoted"` scalar.
    case doubleQuoted
    /// `|` literal block scalar.
    case literal
    /// `>` folded block scalar.
    case folded
    /// Block collection (indentation).
    case block
    /// Flow collection (`[...]`, `{...}`).
    case flow
    /// Aliases and anything else.
    case other
}
