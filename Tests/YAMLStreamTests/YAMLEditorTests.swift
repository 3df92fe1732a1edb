import Testing
import YAMLEditing
import YAMLSource
import YAMLStream
import YAMLValues

/// Line- and scalar-level edits, and what they refuse.
@Suite("YAMLEditor")
struct YAMLEditorTests {
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
        let out = try edit("a:   # later\nb: 1\n") { doc, e in try e.setValue(doc.node("a")!, to: "x") }
        #expect(out == "a: x   # later\nb: 1\n")
        let tilde = try edit("a: ~\n") { doc, e in try e.setValue(doc.node("a")!, to: "x") }
        #expect(tilde == "a: x\n")
    }

    @Test func replaceKeepsTag() throws {
        let out = try edit("a: !!str 60\n") { doc, e in try e.replaceScalarContent(doc.node("a")!, with: "70") }
        #expect(out == "a: !!str 70\n")
    }

    @Test(arguments: [
        ("|-\n  gs://old\n", "gs://new\n"), (">-\n  gs://old\n  more\n", "gs://new\n"),
        ("|\n  gs://old\n\n", "gs://new\n"),
    ])
    func blockScalarsAreReplacedWithTheirLineBreak(value: String, expected: String) throws {
        let out = try edit("uri: \(value)next: 1\n---\nother: 2\n") { doc, e in
            try e.setValue(doc.node("uri")!, to: "gs://new")
        }
        #expect(out == "uri: \(expected)next: 1\n---\nother: 2\n")
    }

    @Test func blockScalarAtTheEndOfTheStream() throws {
        #expect(try edit("uri: |-\n  gs://old") { doc, e in try e.setValue(doc.node("uri")!, to: "x") } == "uri: x")
        #expect(
            try edit("a: 1\nuri: |-\n  gs://old\n") { doc, e in try e.setValue(doc.node("uri")!, to: "x") }
                == "a: 1\nuri: x\n")
    }

    @Test func sharedValuesAreNotEdited() throws {
        // The anchored value is read by the alias too: editing it would change `b`.
        #expect(throws: YAMLEditError.self) {
            _ = try edit("a: &u gs://x\nb: *u\n") { doc, e in try e.setValue(doc.entries(doc.root!)[0].value, to: "y") }
        }
        // A value inside an anchored and aliased mapping.
        #expect(throws: YAMLEditError.self) {
            _ = try edit("m: &m\n  x: 1\nn: *m\n") { doc, e in try e.setValue(doc.node("m", "x")!, to: "2") }
        }
        // An anchor nobody uses is no reason to refuse.
        #expect(
            try edit("a: &u gs://x\nb: 1\n") { doc, e in try e.setValue(doc.node("a")!, to: "y") } == "a: y\nb: 1\n")
        // Replacing the alias itself only changes this entry.
        #expect(
            try edit("a: &u x\nb: *u\n") { doc, e in try e.setValue(doc.entries(doc.root!)[1].value, to: "y") }
                == "a: &u x\nb: y\n")
    }

    @Test func addingBesideAnAliasedAnchorKeepsItsBytes() throws {
        // The alias reads the anchored scalar, which the new entry leaves untouched.
        let text = "m:\n  u: &u gs://x\n  k: *u\nn: *u\n"
        #expect(
            try edit(text) { doc, e in try e.insertEntry("v", valueText: "y", into: doc.node("m")!, at: .last) }
                == "m:\n  u: &u gs://x\n  k: *u\n  v: y\nn: *u\n")
        let list = "l:\n  - &a x\n  - *a\n"
        #expect(
            try edit(list) { doc, e in try e.appendItem(to: doc.node("l")!, itemText: "y") }
                == "l:\n  - &a x\n  - *a\n  - y\n")
        // Removing the anchored entry itself, or adding to an aliased (or inside an aliased) mapping, is refused.
        #expect(throws: YAMLEditError.self) {
            _ = try edit(text) { doc, e in
                let entry = doc.entries(doc.node("m")!)[0]
                try e.removeEntry(key: entry.key, value: entry.value)
            }
        }
        #expect(throws: YAMLEditError.self) {
            _ = try edit("m: &m\n  a: 1\nn: *m\n") { doc, e in
                try e.insertEntry("b", valueText: "2", into: doc.node("m")!, at: .last)
            }
        }
        #expect(throws: YAMLEditError.self) {
            _ = try edit("o: &o\n  m:\n    a: 1\nn: *o\n") { doc, e in
                try e.insertEntry("b", valueText: "2", into: doc.node("o", "m")!, at: .last)
            }
        }
    }

    @Test func flowRewritesKeepAnchorsTheyDoNotReplace() throws {
        let text = "m: {u: &u gs://x, n: gs://y, k: *u}\nc: *u\n"
        #expect(
            try edit(text) { doc, e in
                let m = doc.entries(doc.root!)[0].value
                let dropped: [YAMLNodeID: String?] = [doc.entries(m)[1].value: nil]
                try e.rewriteInFlowStyle(m, replacing: dropped, appending: [("a", "[z]")])
            } == "m: {u: &u gs://x, k: *u, a: [z]}\nc: *u\n")
        #expect(throws: YAMLEditError.self) {
            _ = try edit(text) { doc, e in
                let m = doc.entries(doc.root!)[0].value
                try e.rewriteInFlowStyle(m, replacing: [doc.entries(m)[0].value: "gs://z"])
            }
        }
    }

    @Test func insertFirstGoesAboveAttachedComments() throws {
        let nested = "top:\n  # about b\n  b: 1\n  c: 2\n"
        #expect(
            try edit(nested) { doc, e in try e.insertEntry("a", valueText: "0", into: doc.node("top")!, at: .first) }
                == "top:\n  a: 0\n  # about b\n  b: 1\n  c: 2\n")
        #expect(
            try edit("# header\nb: 1\n") { doc, e in try e.insertEntry("a", valueText: "0", into: doc.root!, at: .first)
            }
                == "# header\na: 0\nb: 1\n")
        #expect(
            try edit("# header\n\n# about b\nb: 1\n") { doc, e in
                try e.insertEntry("a", valueText: "0", into: doc.root!, at: .first)
            }
                == "# header\n\na: 0\n# about b\nb: 1\n")
        #expect(
            try edit("---\n# header\nb: 1\n") { doc, e in
                try e.insertEntry("a", valueText: "0", into: doc.root!, at: .first)
            }
                == "---\n# header\na: 0\nb: 1\n")
    }

    @Test func insertFirstStaysBehindAByteOrderMark() throws {
        let out = try edit("\u{FEFF}b: 1\n") { doc, e in
            try e.insertEntry("a", valueText: "0", into: doc.root!, at: .first)
        }
        #expect(Array(out.utf8) == Array("\u{FEFF}a: 0\nb: 1\n".utf8))
    }

    @Test func insertAfterAnEntryAndLast() throws {
        let text = "m:\n    x: 1  # one\n    y:\n      z: 2\n# end\n"
        #expect(
            try edit(text) { doc, e in
                let m = doc.node("m")!
                try e.insertEntry("n", valueText: "3", into: m, at: .after(key: doc.entries(m)[0].key))
            } == "m:\n    x: 1  # one\n    n: 3\n    y:\n      z: 2\n# end\n")
        #expect(
            try edit("m:\n  x: 1") { doc, e in try e.insertEntry("n", valueText: "3", into: doc.node("m")!, at: .last) }
                == "m:\n  x: 1\n  n: 3")
    }

    @Test("insertBlockEntry: indentation step of the mapping, CRLF kept, positions")
    func insertBlockEntry() throws {
        func run(_ text: String, _ position: (YAMLDocument) -> YAMLEntryPosition) throws -> String {
            try edit(text) { doc, e in
                try e.insertBlockEntry(
                    "new", entries: [("a", "1"), ("b", "\"x\"")], into: doc.root!, at: position(doc))
            }
        }
        #expect(try run("k: 1\nm:\n    x: 1\n", { _ in .last }) == "k: 1\nm:\n    x: 1\nnew:\n    a: 1\n    b: \"x\"\n")
        #expect(try run("k: 1\r\nz: 2\r\n", { _ in .first }) == "new:\r\n  a: 1\r\n  b: \"x\"\r\nk: 1\r\nz: 2\r\n")
        #expect(
            try run("k: 1  # c\nz: 2", { doc in .after(key: doc.entries(doc.root!)[0].key) })
                == "k: 1  # c\nnew:\n  a: 1\n  b: \"x\"\nz: 2")
        #expect(throws: YAMLEditError.self) { try run("{k: 1}\n", { _ in .last }) }
    }

    @Test func insertRefusesFlowMappings() throws {
        #expect(throws: YAMLEditError.self) {
            _ = try edit("m: {x: 1}\n") { doc, e in
                try e.insertEntry("n", valueText: "3", into: doc.node("m")!, at: .first)
            }
        }
    }

    @Test func removeAndAppendItemsInOnePlan() throws {
        // An item appended where the next entry's removal starts: both apply (insertion first).
        let text = "args:\n- a\n- b\nnew: x\nkeep: 1\n"
        let out = try edit(text) { doc, e in
            let args = doc.node("args")!
            try e.removeItem(doc.children(args)[0])
            try e.appendItem(to: args, itemText: "c")
            let entry = doc.entries(doc.root!)[1]
            try e.removeEntry(key: entry.key, value: entry.value)
        }
        #expect(out == "args:\n- b\n- c\nkeep: 1\n")
    }

    @Test func plainScalarsKeepTheirValueInFlow() throws {
        let text =
            """
            m:
              a: 1
              b: yes
              c: ~
              d:
              e: 0x1F
              f: off
              g: text, with comma
              h: 'quoted'
              i: !!str

            """
        let doc = try #require(TestDocuments.first(text))
        let got = try YAMLEditor(doc).flowText(doc.node("m")!)
        #expect(
            got == "{a: 1, b: yes, c: ~, d: null, e: 0x1F, f: off, g: \"text, with comma\", h: 'quoted', i: !!str \"\"}"
        )
        // And they read back as the same values.
        let back = try #require(TestDocuments.first("m: " + got + "\n"))
        #expect(try YAMLValueReader.value(of: back) == YAMLValueReader.value(of: doc))
    }

    @Test func blockScalarsAndCollectionsBecomeFlow() throws {
        let doc = try #require(
            TestDocuments.first(
                "m:\n  s: |\n    two\n    lines\n  l:\n  - x\n  - [y, z]\n  t: !!str 12\n  r: &r {k: v}\n  q: *r\n"))
        let got = try YAMLEditor(doc).flowText(doc.node("m")!)
        #expect(got == "{s: \"two\\nlines\\n\", l: [x, [y, z]], t: !!str 12, r: &r {k: v}, q: *r}")
    }

    @Test func flowRewriteRefusesToDropComments() throws {
        let doc = try #require(TestDocuments.first("m: [a, # note\n  b]\n"))
        #expect(throws: YAMLEditError.self) { _ = try YAMLEditor(doc).flowText(doc.node("m")!) }
        let hash = try #require(TestDocuments.first("m: [\"a # not a comment\", b#c]\n"))
        #expect(try YAMLEditor(hash).flowText(hash.node("m")!) == "[\"a # not a comment\", b#c]")
    }
}
