/// Stream-level constructs that kubectl (k8s.io/apimachinery's `YAMLReader` splitting at lines
/// that begin with `---`, go-yaml v2 reading the first document of each piece) and libyaml read
/// differently, or that go-yaml v2's scanner refuses and libyaml 0.2.5 accepts
/// (docs/yaml-rules.md section 3), plus look-alikes both read the same.
///
/// Features `kubectl.*` may be refused (kubectl fails on them or reads them otherwise);
/// `kubectl-ok.*` are read alike and must be accepted.
enum StreamConstructs {
    /// Applies at most one construct to `text` (LF line ends, before CRLF and BOM are applied).
    static func apply(_ text: inout String, _ rng: inout SeededRandom, _ features: inout Set<String>) {
        guard rng.chance(0.2) else { return }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let separators = lines.indices.filter { $0 > 0 && (lines[$0] == "---" || lines[$0] == "--- # next") }
        let rootKeys = lines.indices.filter { isRootKey(lines[$0]) }
        let kind = rng.weighted([
            (14, "break-before-separator"), (6, "dash-hash-key"), (10, "separator-text"), (4, "yaml-directive"),
            (4, "tag-directive"), (5, "implicit-after-end"), (5, "bom-after-separator"), (10, "flow-question"),
            (8, "slash-escape"), (3, "quote-escape"), (3, "flow-colon"), (10, "separator-look-alike"),
            (10, "question-look-alike"), (8, "escape-look-alike"),
        ])
        var feature = "kubectl." + kind
        switch kind {
        case "break-before-separator":
            guard let i = separators.isEmpty ? nil : rng.pick(separators) else { return }
            let (name, character) = rng.pick([("cr", "\r"), ("nel", "\u{85}"), ("ls", "\u{2028}"), ("ps", "\u{2029}")])
            lines[i - 1] += character + lines[i]
            lines.remove(at: i)
            feature += "." + name
        case "dash-hash-key":
            guard let i = rootKeys.isEmpty ? nil : rng.pick(rootKeys) else { return }
            lines.insert("---#: x", at: i)
        case "separator-text", "separator-look-alike":
            guard let i = separators.isEmpty ? nil : rng.pick(separators) else { return }
            if kind == "separator-text" {
                lines[i] = rng.pick(["--- !!map", "--- &doc", "---x", "---\u{A0}", "----", "---\t!!map", "---\u{85}"])
            } else {
                lines[i] = rng.pick(["---\t", "--- ", "---\t# tab comment", "---   #", "--- #---"])
                feature = "kubectl-ok.separator"
            }
        case "yaml-directive":
            if lines.first == "---" || lines.first == "--- # next" {
                lines.insert("%YAML 1.1", at: 0)
            } else {
                lines.insert(contentsOf: ["%YAML 1.1", "---"], at: 0)
            }
        case "tag-directive":
            guard let i = separators.isEmpty ? nil : rng.pick(separators) else { return }
            lines.insert(contentsOf: ["...", "%TAG ! tag:yaml.org,2002:"], at: i)
        case "implicit-after-end":
            guard let i = separators.isEmpty ? nil : rng.pick(separators) else { return }
            lines[i] = "..."
        case "bom-after-separator":
            guard let i = separators.filter({ $0 + 1 < lines.count }).randomElement(&rng) else { return }
            lines[i + 1] = "\u{FEFF}" + lines[i + 1]
        default:
            guard let i = rootKeys.isEmpty ? nil : rng.pick(rootKeys) else { return }
            let entries: [String: [String]] = [
                "flow-question": ["x-flow: [--opt=a?b, c]", "x-flow: {k?: v}", "x-flow: [a, b ?c]", "x-flow: {k: v?}"],
                "slash-escape": ["x-escape: \"gs://m/\\/2\"", "x-escape: [\"a\\/b\"]"],
                "quote-escape": ["x-escape: \"it\\'s\""],
                "flow-colon": ["x-flow: [a:, b]", "x-flow: {k: v:}"],
                "question-look-alike": [
                    "x-flow: [\"--opt=a?b\", 'c?d']", "x-flow: a?b", "x-flow: [? k: v]", "x-flow: {\"k?\": v}",
                ],
                "escape-look-alike": ["x-escape: \"a\\\\/b\"", "x-escape: 'a\\/b'", "x-escape: a\\/b"],
            ]
            lines.insert(rng.pick(entries[kind]!), at: i)
            if kind.hasSuffix("look-alike") { feature = "kubectl-ok." + kind }
        }
        features.insert(feature)
        text = lines.joined(separator: "\n")
    }

    /// A key of a document's root block mapping: `name:` at column 0.
    static func isRootKey(_ line: String) -> Bool {
        guard let first = line.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first),
            let colon = line.firstIndex(of: ":")
        else { return false }
        let key = line[..<colon]
        let after = line[colon...].dropFirst()
        return key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            && (after.isEmpty || after.first == " ")
    }
}

extension Array {
    /// A random element, or nil when empty.
    func randomElement(_ rng: inout SeededRandom) -> Element? { isEmpty ? nil : rng.pick(self) }
}
