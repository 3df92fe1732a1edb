import Testing
import YAMLSource
import YAMLStream

@Suite("Document filter")
struct YAMLDocumentFilterTests {
    func parse(_ text: String, reconsider: Set<String> = []) -> ([Int], YAMLStreamParser.Outcome) {
        var parser = YAMLStreamParser()
        parser.filter = YAMLDocumentFilter(reconsiderKeys: reconsider) { key, value in
            key == "kind" ? (value == "Wanted" ? .keep : .skip) : .undecided
        }
        var numbers: [Int] = []
        let outcome = parser.parse(SourceBuffer(text)) { numbers.append($0.number) }
        return (numbers, outcome)
    }

    @Test func onlyWantedAndUndecidedDocumentsAreDelivered() {
        let (numbers, outcome) = parse(
            """
            kind: Wanted
            ---
            kind: Other
            x: [1, 2]
            ---
            plain: doc
            ---
            - list
            ---
            meta: {kind: Other}
            kind: Wanted

            """
        )
        #expect(numbers == [1, 3, 4, 5])
        #expect(outcome.documentCount == 5)
        #expect(outcome.errors.isEmpty)
    }

    @Test func skippedDocumentsAreStillChecked() {
        let deep = "v:\n  " + String(repeating: "- ", count: 10_001) + "x\n"
        let (numbers, outcome) = parse("kind: Other\nbad: *nope\n---\nkind: Other\n\(deep)---\nkind: Wanted\n")
        #expect(numbers == [3])  // parsing resumes after the refused document
        #expect(outcome.errors.count == 2)
        #expect(outcome.errors.first?.message.contains("undefined alias *nope") == true)
        #expect(outcome.errors.last?.message.contains("nested deeper than 10000") == true)
        #expect(outcome.errors.last?.documentNumber == 2)
    }

    @Test func aComplexRootKeyIsNotMistakenForKind() {
        let (numbers, _) = parse("? [kind]\n: Other\nkind: Wanted\n")
        #expect(numbers == [1])
    }

    @Test(arguments: [
        "kind: Other\nx: 1\nkind: Wanted\n",  // a repeated key: the last one wins in go-yaml
        "kind: Other\n<<: {kind: Wanted}\n",  // a merge key may bring the key in
        "kind: Other\nitems: []\n",  // a key the caller asked to reconsider
    ])
    func aSkippedDocumentIsReconsidered(text: String) {
        let (numbers, outcome) = parse("a: 0\n---\n" + text + "---\nb: 2\n", reconsider: ["items"])
        #expect(numbers == [1, 2, 3])
        #expect(outcome.errors.isEmpty)
    }

    @Test func aReconsideredDocumentKeepsItsPositions() throws {
        var parser = YAMLStreamParser()
        parser.filter = YAMLDocumentFilter { key, value in
            key == "kind" ? (value == "Wanted" ? .keep : .skip) : .undecided
        }
        var docs: [YAMLDocument] = []
        _ = parser.parse(SourceBuffer("a: 0\n---\nkind: Other\nkind: Wanted\nz: 1\n")) { docs.append($0) }
        let doc = try #require(docs.last)
        #expect(doc.number == 2)
        let z = try #require(doc.entries(doc.root!).last?.key)
        #expect(doc[z].line == 5 && doc[z].column == 1)
    }
}
