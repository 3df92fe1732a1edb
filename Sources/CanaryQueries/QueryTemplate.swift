/// A PromQL template with `{{namespace}}`, `{{canary}}`, `{{primary}}` and `{{window}}`
/// placeholders (blanks inside the braces are allowed: `{{ canary }}`), Flagger-style.
///
/// `{{canary}}` and `{{primary}}` are the predictor workloads (`<group>-canary-predictor`,
/// `<group>-primary-predictor`). A check is evaluated for the canary with the template as
/// written and for the primary with the two exchanged (`rendered(for: .primary)`), so one
/// template serves both sides of a comparison. An unknown placeholder is an error, as with
/// Flagger's `missingkey=error`.
public struct QueryTemplate: Sendable, Equatable, CustomStringConvertible {
    /// The template text.
    public let text: String

    /// The placeholders a template may use.
    public static let placeholders = ["namespace", "canary", "primary", "window"]

    /// Which side a template is rendered for.
    public enum Side: String, Sendable { case canary, primary }

    /// Why a template is refused.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// A `{{` without `}}`.
        case unterminated(template: String)
        /// A placeholder other than `placeholders` (as written between the braces).
        case unknownPlaceholder(String, template: String)

        /// The problem in words.
        public var description: String {
            switch self {
            case .unterminated(let template):
                return "unterminated placeholder `{{` in query `\(template)`"
            case .unknownPlaceholder(let name, let template):
                return "unknown placeholder `{{\(name)}}` in query `\(template)`; use "
                    + QueryTemplate.placeholders.map { "{{\($0)}}" }.joined(separator: ", ")
            }
        }
    }

    /// Checks the placeholders of `text`.
    /// - Throws: the first unknown or unterminated placeholder.
    public init(_ text: String) throws(Problem) {
        self.text = text
        _ = try pieces()
    }

    init(trusted text: String) { self.text = text }

    /// The template rendered for `side`.
    public func rendered(for side: Side, workloads: CanaryWorkloads, window: String) -> String {
        let values: [String: String] = [
            "namespace": workloads.namespace,
            "canary": side == .canary ? workloads.canary : workloads.primary,
            "primary": side == .canary ? workloads.primary : workloads.canary,
            "window": window,
        ]
        return (try? pieces())?.map { piece in
            switch piece {
            case .text(let t): return t
            case .placeholder(let name): return values[name]!
            }
        }.joined() ?? text
    }

    /// The template with its placeholders exchanged for the primary side (`{{canary}}` and
    /// `{{primary}}` swapped), still a template (for the dashboard).
    public var swapped: QueryTemplate {
        let swapped = (try? pieces())?.map { piece -> String in
            switch piece {
            case .text(let t): return t
            case .placeholder("canary"): return "{{primary}}"
            case .placeholder("primary"): return "{{canary}}"
            case .placeholder(let name): return "{{\(name)}}"
            }
        }.joined()
        return QueryTemplate(trusted: swapped ?? text)
    }

    /// The template text.
    public var description: String { text }

    enum Piece {
        case text(String)
        case placeholder(String)
    }

    func pieces() throws(Problem) -> [Piece] {
        var result: [Piece] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            result.append(.text(String(rest[..<open.lowerBound])))
            let after = rest[open.upperBound...]
            guard let close = after.range(of: "}}") else { throw .unterminated(template: text) }
            let name = after[..<close.lowerBound].trimmingCharacters(in: " ")
            guard Self.placeholders.contains(name) else {
                throw .unknownPlaceholder(String(after[..<close.lowerBound]), template: text)
            }
            result.append(.placeholder(name))
            rest = after[close.upperBound...]
        }
        result.append(.text(String(rest)))
        return result
    }
}

extension Substring {
    func range(of needle: String) -> Range<Substring.Index>? {
        let n = Array(needle.utf8)
        var i = startIndex
        while i < endIndex {
            if self[i...].utf8.starts(with: n) {
                return i..<self.utf8.index(i, offsetBy: n.count)
            }
            i = index(after: i)
        }
        return nil
    }

    func trimmingCharacters(in set: Character) -> String {
        var s = self
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}
