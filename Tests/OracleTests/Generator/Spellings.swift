/// Ways to write the values the tool reads: weights (YAML 1.1 numbers and their traps), storage
/// URIs and `args` lists. What each spelling *means* is decided by kubectl, not here.
enum Spellings {
    /// How a pair of weights is spelled; `trap` spellings look like the intended number but are not.
    static let weightStyles: [(Int, String)] = [
        (60, "decimal"), (3, "quoted"), (4, "octal-trap"), (3, "octal"), (3, "hex"), (2, "0o"), (2, "0b"),
        (2, "sign"), (2, "underscore"), (2, "float"), (2, "exponent"), (2, "tag-int"), (2, "tag-str"),
        (1, "tag-float"), (3, "mixed"), (1, "block-scalar"),
    ]

    /// The text of weight `value` in `style` (a YAML scalar, verbatim; a leading `|` asks for a `|-` block scalar).
    static func weight(_ value: Int, style: String, rng: inout SeededRandom) -> String {
        switch style {
        case "quoted": return rng.chance(0.5) ? "\"\(value)\"" : "'\(value)'"
        case "octal-trap": return "0\(value)"  // reads as octal (or as a float with 8/9): not `value`
        case "octal": return "0" + String(value, radix: 8)
        case "hex": return "0x" + String(value, radix: 16, uppercase: rng.chance(0.5))
        case "0o": return "0o" + String(value, radix: 8)
        case "0b": return "0b" + String(value, radix: 2)
        case "sign": return "+\(value)"
        case "underscore":
            let digits = String(value)
            return digits.count < 2 ? "0_\(digits)" : String(digits.first!) + "_" + digits.dropFirst()
        case "float": return "\(value).0"
        case "exponent": return "\(value)e0"
        case "tag-int": return "!!int \"\(value)\""
        case "tag-str": return "!!str \(value)"
        case "tag-float": return "!!float \(value)"
        case "block-scalar": return "|\(value)"
        case "mixed":
            let style = rng.pick(
                weightStyles.map(\.1).filter { !["mixed", "quoted", "tag-str", "block-scalar"].contains($0) })
            return weight(value, style: style, rng: &rng)
        default: return "\(value)"
        }
    }

    /// A primary load as kserve-general users set it.
    static func primaryLoad(_ rng: inout SeededRandom) -> Int {
        rng.weighted([(4, 100), (3, 90), (3, 80), (2, 75), (4, 50), (1, 33), (2, 10), (3, 0), (4, rng.int(0...100))])
    }

    /// A plain storage URI pair (old, new) for group `name`.
    static func simpleURIs(_ name: String, rng: inout SeededRandom) -> (old: String, new: String, feature: String?) {
        let v = rng.int(1...9)
        let base = rng.pick([
            "gs://kfserving-examples/models/\(name)", "s3://models/\(name)", "pvc://models-pvc/\(name)",
        ])
        return (base + "/\(v)", base + "/\(v + 1)", nil)
    }

    /// A storage URI pair (old, new) for group `name`, with occasional hostile characters.
    static func uris(_ name: String, rng: inout SeededRandom) -> (old: String, new: String, feature: String?) {
        let base = rng.pick([
            "gs://kfserving-examples/models/\(name)", "s3://models/\(name)", "pvc://models-pvc/\(name)",
            "hf://acme/\(name)", "oci://registry.example.com/ml/\(name)", "https://m.example.com/\(name)",
        ])
        let kind = rng.weighted([
            (70, "simple"), (5, "unicode"), (3, "nel"), (3, "ls"), (3, "ps"), (3, "spaces"), (3, "colon-space"),
            (3, "hash"), (2, "yaml11-word"), (2, "quote-chars"), (3, "multi-line"),
        ])
        switch kind {
        case "unicode": return (base + "/modèle-✓/v1", base + "/modèle-✓/v2", "uri.unicode")
        case "nel": return (base + "/v1", base + "/v2\u{85}x", "uri.nel")
        case "ls": return (base + "/v1", base + "/v2\u{2028}", "uri.ls")
        case "ps": return (base + "/v1\u{2029}a", base + "/v2", "uri.ps")
        case "spaces": return (base + "/my model/v1", base + "/my model/v2 ", "uri.spaces")
        case "colon-space": return (base + "/v1", base + "/v2: latest", "uri.colon-space")
        case "hash": return (base + "/v1 #1", base + "/v2 #2", "uri.hash")
        case "yaml11-word": return ("on", "off", "uri.yaml11-word")
        case "quote-chars": return (base + "/it's/v1", base + "/\"v2\"", "uri.quote-chars")
        case "multi-line": return (base + "/v1", base + "/v2\nsecond-line", "uri.multi-line")
        default:
            let v = rng.int(1...9)
            return (base + "/\(v)", base + "/\(v + 1)", nil)
        }
    }

    /// An `args` list for group `name` (nil: no `args` key) and the features it exercises.
    static func args(_ name: String, rng: inout SeededRandom) -> (items: [String]?, shape: String) {
        let others = [
            "--workers=2", "--http_port=8080", "--enable_docs_url", "--max_batch_size=32", "--log_level=info",
            "-v", "--timeout=60", "--label=a b", "--path=/v1/models", "on", "0123", "--x=\u{2028}y",
        ]
        var items = (0..<rng.int(0...3)).map { _ in rng.pick(others) }
        func insert(_ new: [String]) {
            let at = rng.int(0...items.count)
            items.insert(contentsOf: new, at: at)
        }
        let shape = rng.weighted([
            (12, "absent"), (4, "null"), (6, "empty"), (14, "no-model-name"), (12, "model-name-eq"),
            (10, "model-name-two-token"), (6, "model-name-before-option"), (5, "model-name-last"),
            (10, "satisfied"), (5, "model-name-several"), (4, "model-name-empty"), (3, "model-name-unicode"),
        ])
        switch shape {
        case "absent": return (nil, shape)
        case "null": return (nil, shape)
        case "empty": return ([], shape)
        case "model-name-eq": insert(["--model_name=" + rng.pick(["old", name + "-canary", "x"])])
        case "model-name-two-token": insert(["--model_name", rng.pick(["old", name, "model"])])
        case "model-name-before-option":
            insert(["--model_name", rng.pick(["--workers=2", "-v", "--enable_docs_url"])])
        case "model-name-last": items.append("--model_name")
        case "satisfied": items.append("--model_name=" + name)
        case "model-name-several":
            insert(["--model_name=a"])
            insert(["--model_name", "b"])
        case "model-name-empty": insert(["--model_name="])
        case "model-name-unicode": insert(["--model_name=modèle\u{85}x"])
        default: break
        }
        return (items, shape)
    }
}
