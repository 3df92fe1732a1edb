import Testing
import YAMLScalars
import YAMLSource
import YAMLStream

/// Every string the tool writes must read back as the same string.
@Suite("YAMLScalarFormatter")
struct YAMLScalarFormatterTests {
    @Test(arguments: [
        "gs://bucket/model", "--model_name=sklearn", "a-b", "s3://x/y_z", "hf://org/model@v1", "model.v2", "pvc://p/m",
    ])
    func safeStringsStayPlain(_ value: String) {
        #expect(YAMLScalarFormatter.string(value) == value)
    }

    @Test(arguments: [
        "", " lead", "trail ", "060", "0x3C", "+.inf", ".nan", "yes", "Off", "~", "null", "1:30", "2024-01-02", "1_000",
        "a: b", "a #b", "-", "- x", "? x", ": x", "#x", "&a", "*a", "!t", "|x", ">x", "'q", "\"q", "%d", "@x", "`x",
        "a\nb", "a\tb", "line\u{85}break", "a\u{2028}b", "a\u{2029}b", "\u{FEFF}x", "x\u{7F}", "x\u{9F}", "---", "...x",
        "<<", "=",
    ])
    func unsafeStringsAreQuotedAndReadBack(_ value: String) throws {
        let written = YAMLScalarFormatter.string(value)
        #expect(written.hasPrefix("\""), "\(value) written as \(written)")
        var doc: YAMLDocument?
        let outcome = YAMLStreamParser().parse(SourceBuffer("k: " + written + "\n")) { doc = $0 }
        #expect(outcome.errors.isEmpty)
        let node = try #require(doc.flatMap { d in d.entries(d.root!).first?.value })
        #expect(
            try YAMLScalarResolver.resolve(doc!.scalarText(node)!, style: doc![node].style, tag: nil) == .string(value))
    }

    @Test func flowContextQuotesFlowIndicators() {
        #expect(YAMLScalarFormatter.string("a,b", flow: true) == "\"a,b\"")
        #expect(YAMLScalarFormatter.string("x[1]", flow: true) == "\"x[1]\"")
        #expect(YAMLScalarFormatter.string("a:{", flow: true) == "\"a:{\"")
        #expect(YAMLScalarFormatter.string("gs://a", flow: true) == "gs://a")
        // go-yaml v2 ends a flow plain scalar at `?` (kubectl then fails); libyaml does not.
        #expect(YAMLScalarFormatter.string("https://e.com/m?sig=abc", flow: true) == "\"https://e.com/m?sig=abc\"")
        #expect(YAMLScalarFormatter.string("https://e.com/m?sig=abc") == "https://e.com/m?sig=abc")
        #expect(YAMLScalarFormatter.string("a,b") == "a,b")
    }

    @Test func stylesAreKeptWhereTheyCanWriteTheValue() {
        #expect(YAMLScalarFormatter.string("gs://a/b", style: .plain) == "gs://a/b")
        #expect(YAMLScalarFormatter.string("gs://a/b", style: .doubleQuoted) == "\"gs://a/b\"")
        #expect(YAMLScalarFormatter.string("it's", style: .singleQuoted) == "'it''s'")
        #expect(YAMLScalarFormatter.string("a\nb", style: .singleQuoted) == "\"a\\nb\"")
        #expect(YAMLScalarFormatter.string("a\u{2028}b", style: .singleQuoted) == "\"a\\u2028b\"")
        #expect(YAMLScalarFormatter.string("060", style: .plain) == "\"060\"")
    }

    @Test func doubleQuotedIsAlsoJSON() {
        #expect(YAMLScalarFormatter.doubleQuoted("a\"b\\c\u{1B}[0m\u{85}") == "\"a\\\"b\\\\c\\u001B[0m\\u0085\"")
    }
}

/// YAMLScalarFormatter on generated strings and on go-yaml v2's own non-string spellings.
@Suite("YAMLScalarFormatter, generated and go-yaml spellings")
struct YAMLScalarFormatterGeneratedTests {
    /// The string `written` reads back as, after `prefix` (e.g. `k: ` or `[`) and before `suffix`.
    static func readBack(_ written: String, prefix: String, suffix: String) throws -> YAMLScalar? {
        let (docs, outcome) = TestDocuments.parse(prefix + written + suffix + "\n")
        guard outcome.errors.isEmpty, let doc = docs.first, let root = doc.root else { return nil }
        let node = doc[root].kind == .mapping ? doc.entries(root)[0].value : doc.children(root)[0]
        guard let text = doc.scalarText(node) else { return nil }
        return try YAMLScalarResolver.resolve(text, style: doc[node].style, tag: nil)
    }

    static let pieces = [
        "a", "0", "1", "x", " ", ":", "#", "-", "?", ",", "[", "]", "{", "}", "'", "\"", "\\",
        "!", "&", "*", "|", ">", "%", "@", "`", ".", "~", "\n", "\t", "é", "\u{85}", "\u{2028}",
        "null", "true", "0x", "1e3", "1:2", "2024-01-02", "<<", "---", "...",
    ]

    @Test func everyWrittenStringReadsBackInBlockFlowAndQuotedStyles() throws {
        var rng = SeededGenerator(seed: 3)
        for trial in 0..<1500 {
            let count = Int.random(in: 0...5, using: &rng)
            let value = (0..<count).map { _ in Self.pieces.randomElement(using: &rng)! }.joined()
            let plain = YAMLScalarFormatter.string(value)
            #expect(
                try Self.readBack(plain, prefix: "k: ", suffix: "") == .string(value),
                "trial \(trial): \(value.debugDescription) -> \(plain)")
            if YAMLScalarFormatter.isPlainSafe(value, flow: false) { #expect(plain == value) }
            let flow = YAMLScalarFormatter.string(value, flow: true)
            #expect(
                try Self.readBack(flow, prefix: "[", suffix: ", z]") == .string(value),
                "trial \(trial): flow \(flow)")
            let single = YAMLScalarFormatter.string(value, style: .singleQuoted)
            #expect(
                try Self.readBack(single, prefix: "k: ", suffix: "") == .string(value),
                "trial \(trial): single \(single)")
        }
    }

    /// kubectl (go-yaml v2) reads these plain scalars as booleans, numbers or nulls (checked with
    /// `kubectl label --local`); base-60 numbers and timestamps it reads as strings, but go-yaml's
    /// encoder quotes them. Written as strings, all must be quoted.
    @Test(arguments: [
        "y", "Y", "n", "N", "on", "ON", "off", "NO", "Yes", "0b1010", "-0x1F", "0o17", "+685_230", "685.230_15e+03",
        "6.8523015e+5", "190:20:30.15", "-1:30", ".5", "-.inf", ".NaN", "2001-12-14t21:59:43.10-05:00",
        "2002-12-14", "NULL", "Null",
    ])
    func goYAMLNonStringsAreQuoted(_ value: String) throws {
        let written = YAMLScalarFormatter.string(value)
        #expect(written == "\"\(value)\"", "\(value) written as \(written)")
        #expect(try Self.readBack(written, prefix: "k: ", suffix: "") == .string(value))
    }

    @Test func singleQuotesDoubleQuotesAndGiveUpOnLineBreaks() {
        #expect(YAMLScalarFormatter.singleQuoted("it's") == "'it''s'")
        #expect(YAMLScalarFormatter.singleQuoted("") == "''")
        #expect(YAMLScalarFormatter.singleQuoted("a\nb") == nil)
        #expect(YAMLScalarFormatter.singleQuoted("a\u{85}b") == nil)
        #expect(YAMLScalarFormatter.singleQuoted("tab\there") == nil)
    }

    @Test func integersAreDecimal() {
        #expect(YAMLScalarFormatter.integer(0) == "0")
        #expect(YAMLScalarFormatter.integer(-40) == "-40")
        #expect(YAMLScalarFormatter.integer(100) == "100")
    }
}
