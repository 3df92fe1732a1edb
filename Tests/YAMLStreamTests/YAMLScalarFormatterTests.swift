import Testing
import YAMLStream

/// Every string the tool writes must read back as the same string.
@Suite("YAMLScalarFormatter")
struct YAMLScalarFormatterTests {
    @Test(arguments: ["gs://bucket/model", "--model_name=sklearn", "a-b", "s3://x/y_z", "hf://org/model@v1", "model.v2", "pvc://p/m"])
    func safeStringsStayPlain(_ value: String) {
        #expect(YAMLScalarFormatter.string(value) == value)
    }

    @Test(arguments: [
        "", " lead", "trail ", "060", "0x3C", "+.inf", ".nan", "yes", "Off", "~", "null", "1:30", "2024-01-02", "1_000",
        "a: b", "a #b", "-", "- x", "? x", ": x", "#x", "&a", "*a", "!t", "|x", ">x", "'q", "\"q", "%d", "@x", "`x",
        "a\nb", "a\tb", "line\u{85}break", "a\u{2028}b", "a\u{2029}b", "\u{FEFF}x", "x\u{7F}", "x\u{9F}", "---", "...x", "<<", "=",
    ])
    func unsafeStringsAreQuotedAndReadBack(_ value: String) throws {
        let written = YAMLScalarFormatter.string(value)
        #expect(written.hasPrefix("\""), "\(value) written as \(written)")
        var doc: YAMLDocument?
        let outcome = YAMLStreamParser().parse(SourceBuffer("k: " + written + "\n")) { doc = $0 }
        #expect(outcome.errors.isEmpty)
        let node = try #require(doc.flatMap { d in d.entries(d.root!).first?.value })
        #expect(try YAMLScalarResolver.resolve(doc!.scalarText(node)!, style: doc![node].style, tag: nil) == .string(value))
    }

    @Test func flowContextQuotesFlowIndicators() {
        #expect(YAMLScalarFormatter.string("a,b", flow: true) == "\"a,b\"")
        #expect(YAMLScalarFormatter.string("x[1]", flow: true) == "\"x[1]\"")
        #expect(YAMLScalarFormatter.string("a:{", flow: true) == "\"a:{\"")
        #expect(YAMLScalarFormatter.string("gs://a", flow: true) == "gs://a")
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
