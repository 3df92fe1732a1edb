import Testing
import YAMLScalars
import YAMLSource
import YAMLValues

@testable import YAMLStream

@Suite("YAMLStreamParser")
struct YAMLStreamParserTests {
    @Test func byteOffsetsAreBytesNotCharacters() throws {
        let doc = try #require(TestDocuments.first("\u{FEFF}a: \"é→\"\nb: x\n"))
        let b = try #require(doc.node("b"))
        #expect(doc.sourceText(b) == "x")
        #expect(doc[b].line == 2 && doc[b].column == 4)
        let a = try #require(doc.node("a"))
        #expect(doc.sourceText(a) == "\"é→\"")
        #expect(doc.scalarText(a) == "é→")
    }

    @Test func treeNavigation() throws {
        let doc = try #require(
            TestDocuments.first("spec:\n  values:\n    list: [1, 2, {k: v}]\n    m: &m {x: 1}\n    r: *m\n"))
        let list = try #require(doc.node("spec", "values", "list"))
        #expect(doc[list].kind == .sequence && doc[list].style == .flow)
        #expect(doc.children(list).count == 3)
        let x = try #require(doc.node("spec", "values", "r", "x"))
        #expect(doc.scalarText(x) == "1")
        let m = try #require(doc.entryAt("spec", "values", "m"))
        #expect(doc.anchor(m.value) == "m")
        #expect(doc.sourceText(m.value) == "&m {x: 1}")
        #expect(doc.contentText(m.value) == "{x: 1}")
    }

    @Test func aliasesResolveToTheirAnchorInConstantTime() throws {
        let doc = try #require(TestDocuments.first("a: &x 1\nb: &x 2\nc: *x\nd: [*x]\n"))
        let c = try #require(doc.entryAt("c"))
        #expect(doc[c.written].kind == .alias)
        #expect(doc.scalarText(c.value) == "2")  // the latest earlier anchor wins
        #expect(doc.isAliasTarget(c.value))
        #expect(!doc.isAliasTarget(try #require(doc.node("a"))))
    }

    @Test func reportsErrorsInEveryDocument() {
        let (docs, outcome) = TestDocuments.parse("a: 1\n---\nb: [\n---\nc: 3\n---\nd: *x: y\n---\ne: 5\n")
        #expect(docs.map(\.number) == [1, 3, 5])
        // Document 4 has two problems: the undefined alias *x and the syntax error after it.
        #expect(outcome.errors.map(\.documentNumber) == [2, 4, 4])
        #expect(outcome.errors[1].message.contains("undefined alias *x"))
        #expect(outcome.errors.first?.mark.line == 4)
        #expect(!outcome.stoppedEarly)
    }

    @Test func stopsAfterTheErrorLimitAndSaysSo() {
        let text = String(repeating: "a: [\n---\n", count: 5) + "ok: 1\n"
        var parser = YAMLStreamParser()
        parser.maxErrors = 3
        let (_, outcome) = TestDocuments.parse(text, parser: parser)
        #expect(outcome.errors.count == 3)
        #expect(outcome.stoppedEarly)
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
        let depth = 60
        let (docs, outcome) = TestDocuments.parse(
            "a: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n")
        #expect(outcome.errors.isEmpty)
        #expect(docs.first?.nodeCount == depth + 2)
    }

    @Test(arguments: ["flow sequence", "flow mapping", "block sequence"])
    func hostileNestingIsRefused(shape: String) {
        let depth = 100_000
        let body: String
        switch shape {
        case "flow sequence": body = "v: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        case "flow mapping":
            body = "v: " + String(repeating: "{a: ", count: depth) + String(repeating: "}", count: depth)
        default: body = "v:\n  " + String(repeating: "- ", count: depth) + "x"
        }
        let (_, outcome) = TestDocuments.parse("ok: 1\n---\n" + body + "\n---\nafter: 1\n")
        #expect(outcome.errors.count == 1)
        #expect(outcome.errors.first?.documentNumber == 2)
        // Deep flow nesting may use up the stream's flow allowance before 10,000 levels.
        let message = outcome.errors.first?.message ?? ""
        #expect(
            message.contains("nested deeper than 10000")
                || (shape != "block sequence" && message.contains("flow collections")))
    }

    @Test func deepFlowNestingIsBoundedForTheWholeStream() {
        // Many documents each within the depth bound: the total allowance stops them.
        let one = "v: " + String(repeating: "[", count: 3_000) + String(repeating: "]", count: 3_000) + "\n"
        let (_, outcome) = TestDocuments.parse(String(repeating: "---\n" + one, count: 40))
        #expect(outcome.errors.count == 1)
        #expect(outcome.errors.first?.message.contains("too often in this stream") == true)
        #expect(outcome.errors.first!.documentNumber < 40)
    }

    @Test func bomIsNotPartOfTheFirstLine() throws {
        let doc = try #require(TestDocuments.first("\u{FEFF}a: 1\n"))
        #expect(doc[try #require(doc.node("a"))].column == 4)
    }
}
