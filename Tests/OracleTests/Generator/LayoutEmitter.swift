import Foundation

/// Writes generated documents as YAML text, choosing indentation and comments at random and
/// recording which layout each tracked value got (`storageUri.literal`, `args.flow`, ...).
///
/// Every text it writes is valid YAML; what it *means* is left to kubectl.
struct LayoutEmitter {
    var rng: SeededRandom
    /// Layout features seen so far (`<role>.<style>`).
    var features: Set<String> = []
    /// Whether block sequences under a key are indented (`key:\n  - a`) or not (`key:\n- a`).
    var indentSequences = true
    /// Probability of a comment wherever one may go.
    var commentRate = 0.0

    init(rng: SeededRandom) { self.rng = rng }

    /// The text of a document whose root is `root` (a block mapping), ending with a line break.
    mutating func document(_ root: LayoutNode) -> String {
        var out = ""
        guard case .map(let entries, false) = root else {
            out += inline(root, flow: false, indent: 0) + "\n"
            return out
        }
        blockMap(entries, indent: 0, inlineFirst: false, into: &out)
        return out
    }

    // MARK: - Block context

    private mutating func blockMap(_ entries: [LayoutEntry], indent: Int, inlineFirst: Bool, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for (i, entry) in entries.enumerated() {
            let first = i == 0 && inlineFirst
            if let comment = entry.commentBefore ?? maybeComment(), !first {
                out += pad + "# " + comment + "\n"
            }
            out += (first ? "" : pad) + entry.key + ":"
            value(entry.value, indent: indent, sequenceIndent: indentSequences ? indent + 2 : indent, into: &out)
        }
    }

    /// Writes what follows `key:` or `- `: inline text, a block scalar, or a nested block collection.
    private mutating func value(_ node: LayoutNode, indent: Int, sequenceIndent: Int, into out: inout String) {
        switch node {
        case .map(let entries, false) where !entries.isEmpty:
            out += trailingComment() + "\n"
            blockMap(entries, indent: indent + 2, inlineFirst: false, into: &out)
        case .seq(let items, false) where !items.isEmpty:
            out += trailingComment() + "\n"
            blockSeq(items, indent: sequenceIndent, into: &out)
        case .anchored(let name, let inner) where inner.isBlockCollection:
            out += " &" + name
            value(inner, indent: indent, sequenceIndent: sequenceIndent, into: &out)
        case .commented(let inner, let comment) where !inner.isBlockCollection:
            var text = ""
            value(inner, indent: indent, sequenceIndent: sequenceIndent, into: &text)
            if text.hasSuffix("\n") && !text.dropLast().contains("\n") {
                out += String(text.dropLast()) + " # " + comment + "\n"
            } else {
                out += text
            }
        case .commented(let inner, _):
            value(inner, indent: indent, sequenceIndent: sequenceIndent, into: &out)
        case .scalar(let text, let style, let role) where style.isBlock:
            if let block = blockScalar(text, style, indent: indent + 2) {
                record(role, style.rawValue)
                out += " " + block
            } else {
                out += " " + scalar(text, .double, role: role, flow: false) + "\n"
            }
        default:
            out += " " + inline(node, flow: false, indent: indent) + trailingComment() + "\n"
        }
    }

    private mutating func blockSeq(_ items: [LayoutNode], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for item in items {
            if let comment = maybeComment() { out += pad + "# " + comment + "\n" }
            out += pad + "-"
            switch item {
            case .map(let entries, false) where !entries.isEmpty:
                out += " "
                blockMap(entries, indent: indent + 2, inlineFirst: true, into: &out)
            default:
                value(item, indent: indent, sequenceIndent: indent + 2, into: &out)
            }
        }
    }

    /// A block scalar header and its lines, or nil when the text cannot be written that way.
    private func blockScalar(_ text: String, _ style: ScalarStyle, indent: Int) -> String? {
        guard !text.isEmpty, !text.hasPrefix(" "), !text.hasSuffix("\n"), !text.hasSuffix(" "),
            text.unicodeScalars.allSatisfy({ $0 == "\n" || isPrintable($0) && !isUnicodeBreak($0) })
        else { return nil }
        if style == .folded && text.contains("\n") { return nil }
        let pad = String(repeating: " ", count: indent)
        let header: String
        switch style {
        case .literal: header = "|-"
        case .literalClip: header = "|"
        default: header = ">-"
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : pad + $0 }
        return header + "\n" + lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Inline text

    /// A node written on one line (flow collections, scalars, aliases).
    mutating func inline(_ node: LayoutNode, flow: Bool, indent: Int) -> String {
        switch node {
        case .scalar(let text, let style, let role):
            return scalar(text, style.isBlock ? .double : style, role: role, flow: flow)
        case .raw(let text, let role):
            record(role, "raw")
            return text
        case .map(let entries, _):
            if !flow, entries.isEmpty { return "{}" }
            let body = entries.map { "\($0.key): " + inline($0.value, flow: true, indent: indent) }
            return "{" + body.joined(separator: ", ") + "}"
        case .seq(let items, _):
            return "[" + items.map { inline($0, flow: true, indent: indent) }.joined(separator: ", ") + "]"
        case .anchored(let name, let inner):
            return "&" + name + " " + inline(inner, flow: flow, indent: indent)
        case .alias(let name):
            return "*" + name
        case .commented(let inner, _):
            return inline(inner, flow: flow, indent: indent)
        }
    }

    /// A string scalar in `style`, falling back to a quoted style when the text needs one.
    private mutating func scalar(_ text: String, _ style: ScalarStyle, role: String?, flow: Bool) -> String {
        var style = style
        if style == .plain && !Self.isPlainSafe(text, flow: flow) { style = .single }
        if style == .single && !text.unicodeScalars.allSatisfy({ isPrintable($0) && !isUnicodeBreak($0) }) {
            style = .double
        }
        if style == .doubleRawBreaks
            && !text.unicodeScalars.contains(where: { [0x85, 0x2028, 0x2029].contains($0.value) })
        {
            style = .double
        }
        record(role, style.rawValue)
        switch style {
        case .plain: return text
        case .single: return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case .doubleEscaped: return Self.doubleQuoted(text, gratuitous: true)
        case .doubleRawBreaks: return Self.doubleQuoted(text, gratuitous: false, rawBreaks: true)
        default: return Self.doubleQuoted(text, gratuitous: false)
        }
    }

    static func doubleQuoted(_ text: String, gratuitous: Bool, rawBreaks: Bool = false) -> String {
        var out = "\""
        for (i, u) in text.unicodeScalars.enumerated() {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where rawBreaks && [0x85, 0x2028, 0x2029].contains(u.value): out.unicodeScalars.append(u)
            case "\u{85}": out += "\\N"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            default:
                if u.value < 0x20 || u.value == 0x7F || u.value == 0xFEFF || (u.value >= 0x80 && u.value < 0xA0) {
                    out += "\\u" + hex(u.value, 4)
                } else if gratuitous && u.isASCII && i % 3 == 1 {
                    out += i % 2 == 0 ? "\\x" + hex(u.value, 2) : "\\u" + hex(u.value, 4)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    private static func hex(_ value: UInt32, _ width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Whether `text` written plain reads back (by YAML 1.1) as the same string. Conservative.
    static func isPlainSafe(_ text: String, flow: Bool) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
            first != " ", last != " ", last != ":", first != "\t", last != "\t"
        else { return false }
        let scalars = Array(text.unicodeScalars)
        if "?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
        if first == "-" && (scalars.count == 1 || scalars[1] == " ") { return false }
        if text.contains(": ") || text.contains(" #") { return false }
        if flow && text.unicodeScalars.contains(where: { ",[]{}".unicodeScalars.contains($0) }) { return false }
        if !scalars.allSatisfy({
            ($0.value >= 0x20 && $0.value != 0x7F && !isUnicodeBreak($0) && $0.value != 0xFEFF
                && !($0.value >= 0x80 && $0.value < 0xA0))
        }) {
            return false
        }
        let specials: Set<String> = [
            "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE",
            "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "~", "null",
            "Null", "NULL", "=", "<<",
        ]
        if specials.contains(text) { return false }
        if "0123456789+-.".unicodeScalars.contains(first)
            && text.unicodeScalars.allSatisfy({ "0123456789abcdefABCDEFxXoO._+-:".unicodeScalars.contains($0) })
        {
            return false
        }
        return true
    }

    // MARK: - Comments and features

    private mutating func maybeComment() -> String? {
        guard commentRate > 0, rng.chance(commentRate) else { return nil }
        return rng.pick([
            "generated by kserve-general", "keep: reviewed", "TODO(ml): bump", "a # in a comment: ok",
            "modèle ✓", "storageUri: gs://not/a/value", "- not an item", "weight: 0",
        ])
    }

    private mutating func trailingComment() -> String {
        guard let comment = maybeComment() else { return "" }
        return "  # " + comment
    }

    private mutating func record(_ role: String?, _ style: String) {
        if let role { features.insert(role + "." + style) }
    }
}

extension ScalarStyle {
    var isBlock: Bool { self == .literal || self == .literalClip || self == .folded }
}

func isPrintable(_ u: Unicode.Scalar) -> Bool {
    u == "\t" || (u.value >= 0x20 && u.value != 0x7F && !(u.value >= 0x80 && u.value < 0xA0) && u.value != 0xFEFF)
}

func isUnicodeBreak(_ u: Unicode.Scalar) -> Bool {
    u.value == 0x85 || u.value == 0x2028 || u.value == 0x2029 || u == "\n" || u == "\r"
}
