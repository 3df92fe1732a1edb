/// How a generated string scalar is written.
enum ScalarStyle: String, CaseIterable, Sendable {
    /// Plain, when the text reads back as the same string (else single-quoted).
    case plain
    /// `'...'`.
    case single
    /// `"..."`, escaping only what must be escaped.
    case double
    /// `"..."` with gratuitous escapes (`\x..`, `\u....`, `\/`).
    case doubleEscaped = "double-escapes"
    /// `"..."` with NEL, LS and PS written raw (YAML 1.1 line breaks inside the quotes).
    case doubleRawBreaks = "double-raw-breaks"
    /// `|-`.
    case literal
    /// `|` (the value gains a final line break).
    case literalClip = "literal-clip"
    /// `>-`.
    case folded
}

/// A value of a generated document together with the layout it is written in.
///
/// The generator never computes what a value means: the oracle takes kubectl's reading of the
/// stream as the truth. A `role` names a value the tool reads or writes (`storageUri`, `weight`,
/// ...); the emitter records `<role>.<style>` as a layout feature of the case.
indirect enum LayoutNode {
    /// A string in a chosen style.
    case scalar(String, ScalarStyle, role: String? = nil)
    /// Verbatim source text: numbers, YAML 1.1 specials, tagged scalars.
    case raw(String, role: String? = nil)
    /// A mapping, block or flow.
    case map([LayoutEntry], flow: Bool = false)
    /// A sequence, block or flow.
    case seq([LayoutNode], flow: Bool = false)
    /// `&name node`.
    case anchored(String, LayoutNode)
    /// `*name`.
    case alias(String)
    /// A node followed by ` # comment` where the layout allows one.
    case commented(LayoutNode, String)

    /// A plain string scalar.
    static func plain(_ text: String) -> LayoutNode { .scalar(text, .plain) }

    /// Whether this node is written as a block collection (its content starts on the next line).
    var isBlockCollection: Bool {
        switch self {
        case .map(let entries, let flow): return !flow && !entries.isEmpty
        case .seq(let items, let flow): return !flow && !items.isEmpty
        case .anchored(_, let inner), .commented(let inner, _): return inner.isBlockCollection
        default: return false
        }
    }
}

/// One `key: value` entry of a generated mapping.
struct LayoutEntry {
    /// The key as written (plain text, or `<<` for a merge key).
    var key: String
    /// The value.
    var value: LayoutNode
    /// A comment line written before the entry (block mappings only).
    var commentBefore: String?

    init(_ key: String, _ value: LayoutNode, comment: String? = nil) {
        self.key = key
        self.value = value
        self.commentBefore = comment
    }
}

extension Array where Element == LayoutEntry {
    /// Builds entries from pairs, dropping the nil values (optional fields).
    static func of(_ pairs: [(String, LayoutNode?)]) -> [LayoutEntry] {
        pairs.compactMap { key, value in value.map { LayoutEntry(key, $0) } }
    }
}
