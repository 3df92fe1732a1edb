import Testing
@testable import YAMLStream

@Suite("YAMLStreamParser")
struct YAMLStreamParserTests {
    func documents(_ text: String) -> ([YAMLDocument], YAMLStreamParser.Outcome) {
        let source = SourceBuffer(text)
        var docs: [YAMLDocument] = []
        let outcome = YAMLStreamParser().parse(source) { docs.append($0) }
        return (docs, outcome)
    }

    @Test func byteOffsetsAreBytesNotCharacters() throws {
        let text = "\u{FEFF}a: \"é→\"\nb: x\n"
        let (docs, outcome) = documents(text)
        #expect(outcome.errors.isEmpty)
        let doc = try #require(docs.first)
        let b = try #require(doc.value("b", in: 0))
        #expect(doc.sourceText(b) == "x")
        #expect(doc[b].line == 2 && doc[b].column == 4)
        let a = try #require(doc.value("a", in: 0))
        #expect(doc.sourceText(a) == "\"é→\"")
        #expect(doc.scalar(a) == "é→")
    }

    @Test func treeNavigation() throws {
        let (docs, _) = documents("spec:\n  values:\n    list: [1, 2, {k: v}]\n    m: &m {x: 1}\n    n: *m\n")
        let doc = try #require(docs.first)
        let list = try #require(doc.value(at: ["spec", "values", "list"], from: 0))
        #expect(doc[list].kind == .sequence && doc[list].style == .flow)
        #expect(doc.children(list).count == 3)
        let n = try #require(doc.value(at: ["spec", "values", "n", "x"], from: 0))
        #expect(doc.scalar(n) == "1")
        let m = try #require(doc.entry("m", in: doc.value(at: ["spec", "values"], from: 0)!))
        #expect(doc.anchor(m.value) == "m")
        #expect(doc.sourceText(m.value) == "&m {x: 1}")
        #expect(doc.source.text(doc[m.value].contentStart..<doc[m.value].end) == "{x: 1}")
    }

    @Test func reportsErrorsInEveryDocument() {
        let (docs, outcome) = documents("a: 1\n---\nb: [\n---\nc: 3\n---\nd: *x: y\n---\ne: 5\n")
        #expect(docs.map(\.number) == [1, 3, 5])
        // Document 4 has two problems: the undefined alias *x and the syntax error after it.
        #expect(outcome.errors.count == 3)
        #expect(outcome.errors.map(\.documentNumber) == [2, 4, 4])
        #expect(outcome.errors[1].message.contains("undefined alias *x"))
        #expect(outcome.errors.first?.mark.line == 4)
    }

    @Test func invalidUTF8AndNULAreErrorsWithPositions() {
        let bad = SourceBuffer(bytes: Array("a: 1\nb: x".utf8) + [0xC3, 0x28] + Array("\n".utf8))
        let o1 = YAMLStreamParser().parse(bad) { _ in }
        #expect(o1.errors.count == 1)
        #expect(o1.errors.first?.mark.line == 2)
        #expect(o1.errors.first?.message.contains("UTF-8") == true)
        let nul = SourceBuffer(bytes: Array("a: 1\nb: x".utf8) + [0] + Array("\n".utf8))
        let o2 = YAMLStreamParser().parse(nul) { _ in }
        #expect(o2.errors.first?.mark.line == 2)
        #expect(o2.errors.first?.mark.column == 5)
    }

    @Test func nestingWithinTheBoundIsParsed() {
        let depth = 2_000
        let text = "a: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        let (docs, outcome) = documents(text)
        #expect(outcome.errors.isEmpty)
        #expect(docs.first?.nodes.count == depth + 2)
    }

    @Test(arguments: ["flow sequence", "flow mapping", "block sequence"])
    func hostileNestingIsRefusedQuickly(shape: String) {
        let depth = 100_000
        let body: String
        switch shape {
        case "flow sequence": body = "v: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        case "flow mapping": body = "v: " + String(repeating: "{a: ", count: depth) + String(repeating: "}", count: depth)
        default: body = "v:\n  " + String(repeating: "- ", count: depth) + "x"
        }
        let clock = ContinuousClock()
        var outcome: YAMLStreamParser.Outcome?
        let elapsed = clock.measure { outcome = documents("ok: 1\n---\n" + body + "\n---\nafter: 1\n").1 }
        #expect(outcome?.errors.count == 1)
        #expect(outcome?.errors.first?.message.contains("nested deeper than 10000") == true)
        #expect(outcome?.errors.first?.documentNumber == 2)
        #expect(outcome?.documentCount == 3)
        #expect(elapsed < .seconds(10))
    }

    @Test func duplicateKeysAreFound() throws {
        let (docs, _) = documents("a: 1\nb: {x: 1, x: 2}\na: 3\n")
        let doc = try #require(docs.first)
        let dups = doc.duplicateKeys()
        #expect(dups.count == 2)
    }
}
