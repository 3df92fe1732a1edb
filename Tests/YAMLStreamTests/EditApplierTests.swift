import Testing
import YAMLStream

@Suite("EditApplier")
struct EditApplierTests {
    let source = SourceBuffer("0123456789")

    @Test func insertionsComeBeforeAReplacementAtTheSameOffset() {
        let edits = [ByteEdit(range: 3..<5, text: "R"), ByteEdit(range: 3..<3, text: "I"), ByteEdit(range: 3..<3, text: "J")]
        #expect(String(decoding: EditApplier.apply(edits, to: source), as: UTF8.self) == "012IJR56789")
    }

    @Test func overlapsAreDetected() {
        #expect(EditApplier.ordered([ByteEdit(range: 2..<5, text: ""), ByteEdit(range: 4..<6, text: "")]) == nil)
        #expect(EditApplier.ordered([ByteEdit(range: 2..<4, text: ""), ByteEdit(range: 4..<6, text: "")]) != nil)
    }

    @Test func applyWithinARange() {
        let edits = [ByteEdit(range: 5..<6, text: "b"), ByteEdit(range: 8..<8, text: "c")]
        #expect(String(decoding: EditApplier.apply(edits, to: source, within: 4..<8), as: UTF8.self) == "4b67c")
    }

    @Test func writeStreamsTheSameBytesAsApply() {
        let edits = [ByteEdit(range: 0..<1, text: "x"), ByteEdit(range: 9..<10, text: "")]
        var streamed: [UInt8] = []
        EditApplier.write(edits, source: source) { streamed += $0 }
        #expect(streamed == EditApplier.apply(edits, to: source))
        #expect(String(decoding: streamed, as: UTF8.self) == "x12345678")
    }
}
