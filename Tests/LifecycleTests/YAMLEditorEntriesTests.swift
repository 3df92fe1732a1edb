import Testing
import YAMLStream

/// The entry helpers added to YAMLStream for the lifecycle commands.
@Suite("YAMLEditor entry helpers")
struct YAMLEditorEntriesTests {
    func edit(_ text: String, _ body: (YAMLDocument, inout YAMLEditor) throws -> Void) throws -> String {
        let source = SourceBuffer(text)
        var document: YAMLDocument?
        _ = YAMLStreamParser().parse(source) { if document == nil { document = $0 } }
        let doc = try #require(document)
        var editor = YAMLEditor(doc)
        try body(doc, &editor)
        return String(decoding: EditApplier.apply(editor.edits, to: source), as: UTF8.self)
    }

    @Test func setValueOfEmptyValueKeepsTheComment() throws {
        let out = try edit("a:   # later\nb: 1\n") { doc, e in try e.setValue(doc.entry("a", in: 0)!.value, to: "x") }
        #expect(out == "a: x   # later\nb: 1\n")
        let tilde = try edit("a: ~\n") { doc, e in try e.setValue(doc.entry("a", in: 0)!.value, to: "x") }
        #expect(tilde == "a: x\n")
    }

    @Test func replaceKeepsTag() throws {
        let out = try edit("a: !!str 60\n") { doc, e in try e.replaceScalarContent(doc.entry("a", in: 0)!.value, with: "70") }
        #expect(out == "a: !!str 70\n")
    }

    @Test func insertFirstGoesAboveAttachedComments() throws {
        let nested = "top:\n  # about b\n  b: 1\n  c: 2\n"
        #expect(try edit(nested) { doc, e in try e.insertEntry("a", valueText: "0", into: doc.value("top", in: 0)!, at: .first) }
                == "top:\n  a: 0\n  # about b\n  b: 1\n  c: 2\n")
        let header = "# header\nb: 1\n"
        #expect(try edit(header) { _, e in try e.insertEntry("a", valueText: "0", into: 0, at: .first) } == "# header\na: 0\nb: 1\n")
        let separated = "# header\n\n# about b\nb: 1\n"
        #expect(try edit(separated) { _, e in try e.insertEntry("a", valueText: "0", into: 0, at: .first) }
                == "# header\n\na: 0\n# about b\nb: 1\n")
        let explicit = "---\n# header\nb: 1\n"
        #expect(try edit(explicit) { _, e in try e.insertEntry("a", valueText: "0", into: 0, at: .first) } == "---\n# header\na: 0\nb: 1\n")
    }

    @Test func insertAfterAnEntryAndLast() throws {
        let text = "m:\n    x: 1  # one\n    y:\n      z: 2\n# end\n"
        #expect(try edit(text) { doc, e in
            let m = doc.value("m", in: 0)!
            try e.insertEntry("n", valueText: "3", into: m, at: .after(key: doc.entry("x", in: m)!.key))
        } == "m:\n    x: 1  # one\n    n: 3\n    y:\n      z: 2\n# end\n")
        #expect(try edit("m:\n  x: 1") { doc, e in try e.insertEntry("n", valueText: "3", into: doc.value("m", in: 0)!, at: .last) }
                == "m:\n  x: 1\n  n: 3")
    }

    @Test func insertRefusesFlowMappings() throws {
        #expect(throws: YAMLEditError.self) {
            _ = try edit("m: {x: 1}\n") { doc, e in try e.insertEntry("n", valueText: "3", into: doc.value("m", in: 0)!, at: .first) }
        }
    }

    @Test func formatterKeepsStyles() {
        #expect(YAMLScalarFormatter.string("gs://a/b", style: .plain) == "gs://a/b")
        #expect(YAMLScalarFormatter.string("gs://a/b", style: .doubleQuoted) == "\"gs://a/b\"")
        #expect(YAMLScalarFormatter.string("it's", style: .singleQuoted) == "'it''s'")
        #expect(YAMLScalarFormatter.string("a\nb", style: .singleQuoted) == "\"a\\nb\"")
        #expect(YAMLScalarFormatter.string("a: b", style: .plain) == "\"a: b\"")
        #expect(YAMLScalarFormatter.string("a,b", style: .plain, flow: true) == "\"a,b\"")
    }
}
