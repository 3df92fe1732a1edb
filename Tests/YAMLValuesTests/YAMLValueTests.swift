import Testing
import YAMLValues

/// Reading YAML as Kubernetes does, and writing it back so that it reads the same.
@Suite("YAML values: YAML 1.1 reading, exact writing")
struct YAMLValueTests {
    @Test(
        "plain scalars resolve as go-yaml v2 (sigs.k8s.io/yaml) resolves them",
        arguments: [
            ("yes", YAMLValue.bool(true)), ("Off", .bool(false)), ("~", .null), ("", .null),
            ("0x1F", .int(31)), ("0777", .int(511)), ("1_000", .int(1000)), ("-12", .int(-12)),
            ("1.5", .float(1.5)), ("1e3", .float(1000)), (".inf", .float(.infinity)),
            ("08", .float(8)), ("1.2.3", .string("1.2.3")), ("^/.+$", .string("^/.+$")),
            ("--model_name=x", .string("--model_name=x")),
        ])
    func resolve(text: String, value: YAMLValue) {
        #expect(YAMLValueReader.resolvePlain(text) == value)
    }

    @Test("writing then reading gives the same value")
    func roundTrip() throws {
        let source = """
            a: "yes"
            b: '0777'
            c: "1.0"
            d: "line one\\nline two\\n"
            e: "  leading\\nx"
            f: "no newline at end\\nend"
            g: "two\\n\\n"
            h: ["", "-", "- x", "a: b", "#x", "x #y", "@x", "{}", "[]", "on", "null"]
            i: {}
            j: []
            k: [[1, 2], [], {x: {}}]
            l: {"key with: colon": 1, "": 2, "yes": 3}
            m: 2.5
            n: y
            tab: "tab\\there"
            o: ["\\u0085", "é", "\\r\\n"]
            """
        let value = try #require(try YAMLValueReader.documents(source).first)
        let written = YAMLValueWriter.document(value)
        let again = try #require(try YAMLValueReader.documents(written).first)
        #expect(again == value, "\(written)")
        #expect(written.contains("d: |\n  line one\n  line two\n"))
        let json = try #require(try YAMLValueReader.documents(YAMLValueWriter.json(value)).first)
        #expect(json == value)
    }

    @Test("aliases and merge keys are expanded; explicit keys win")
    func aliases() throws {
        let value = try #require(
            try YAMLValueReader.documents("base: &b {x: 1, y: 2}\nuse: {<<: *b, y: 3}\nref: *b\n").first)
        #expect(
            value == (try YAMLValueReader.documents("base: {x: 1, y: 2}\nuse: {x: 1, y: 3}\nref: {x: 1, y: 2}\n").first)
        )
    }

    @Test("mappings compare without order; integers equal integral floats")
    func equality() throws {
        #expect(try YAMLValueReader.documents("{a: 1, b: 2}") == YAMLValueReader.documents("{b: 2.0, a: 1}"))
        #expect(try YAMLValueReader.documents("[1, 2]") != YAMLValueReader.documents("[2, 1]"))
    }
}
