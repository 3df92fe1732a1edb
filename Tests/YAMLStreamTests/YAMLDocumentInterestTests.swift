import Testing
@testable import YAMLStream

@Suite("Document interest filter")
struct YAMLDocumentInterestTests {
    func parse(_ text: String) -> ([Int], YAMLStreamParser.Outcome) {
        var parser = YAMLStreamParser()
        parser.interest = { key, value in key == "kind" ? (value == "Wanted" ? .keep : .skip) : .undecided }
        var numbers: [Int] = []
        let outcome = parser.parse(SourceBuffer(text)) { numbers.append($0.number) }
        return (numbers, outcome)
    }

    @Test func onlyWantedAndUndecidedDocumentsAreDelivered() {
        let (numbers, outcome) = parse("kind: Wanted\n---\nkind: Other\nx: [1, 2]\n---\nplain: doc\n---\n- list\n---\nmeta: {kind: Other}\nkind: Wanted\n")
        #expect(numbers == [1, 3, 4, 5])
        #expect(outcome.documentCount == 5)
        #expect(outcome.errors.isEmpty)
    }

    @Test func skippedDocumentsAreStillChecked() {
        let deep = String(repeating: "[", count: 10_001) + String(repeating: "]", count: 10_001)
        let (numbers, outcome) = parse("kind: Other\nbad: *nope\n---\nkind: Other\nv: \(deep)\n---\nkind: Wanted\n")
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
}
