import Platform
import Testing
import YAMLEditing
import YAMLSource
import YAMLStream

#if canImport(Glibc)
    import Glibc
#endif

@Suite("EditApplier")
struct EditApplierTests {
    let source = SourceBuffer("0123456789")

    @Test func insertionsComeBeforeAReplacementAtTheSameOffset() {
        let edits = [
            ByteEdit(range: 3..<5, text: "R"), ByteEdit(range: 3..<3, text: "I"), ByteEdit(range: 3..<3, text: "J"),
        ]
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

    /// Writing to a file descriptor gathers a batch of edits per `writev`: over several batches
    /// (edits at every offset, replacements, insertions and removals) the file holds what `apply`
    /// makes.
    @Test func writeToAFileInBatchesMatchesApply() throws {
        let text = String(repeating: "abcdefghij", count: 400)
        let source = SourceBuffer(text)
        var edits: [ByteEdit] = []
        for i in stride(from: 0, to: source.count, by: 3) {
            switch i % 4 {
            case 0: edits.append(ByteEdit(range: i..<i + 1, text: "<\(i)>"))
            case 1: edits.append(ByteEdit(range: i..<i, text: "+"))
            default: edits.append(ByteEdit(range: i..<i + 2, text: ""))
            }
        }
        #expect(edits.count > 1000)
        let path = "/tmp/kserve-canary-editapplier-\(getpid()).txt"
        let fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0o600)
        try #require(fd >= 0)
        defer { unlink(path) }
        #expect(EditApplier.write(edits.shuffled(), source: source, fileDescriptor: fd))
        close(fd)
        let written = try SourceBuffer.read(path: path)
        #expect(written.bytes(0..<written.count) == EditApplier.apply(edits, to: source))
    }

    /// `DeepStack.concurrentMap` gives `map`'s results in order, whatever the number of runs.
    @Test(arguments: [1, 2, 3, 7])
    func concurrentMapKeepsTheOrder(_ chunks: Int) {
        let words = (0..<1_000).map { "w\($0)" }
        #expect(
            DeepStack.concurrentMap(words.count, chunks: chunks, minimumCount: 1) { words[$0] + "!" }
                == words.map { $0 + "!" })
        #expect(DeepStack.concurrentMap(0, chunks: chunks, minimumCount: 0) { $0 }.isEmpty)
        #expect(DeepStack.concurrentMap(5, chunks: chunks) { $0 * 2 } == [0, 2, 4, 6, 8])
    }
}

/// EditApplier against a reference: random non-overlapping edits applied one by one from the end.
@Suite("EditApplier, generated edits")
struct EditApplierGeneratedTests {
    /// Edits on `count` bytes: sorted, non-overlapping, insertions and replacements mixed, several
    /// insertions at one offset kept in their order.
    static func edits(count: Int, using rng: inout SeededGenerator) -> [ByteEdit] {
        var edits: [ByteEdit] = []
        var position = 0
        while position <= count, edits.count < 12 {
            position += Int.random(in: 0...max(1, count / 6), using: &rng)
            guard position <= count else { break }
            let length = Bool.random(using: &rng) ? 0 : Int.random(in: 0...min(4, count - position), using: &rng)
            let count = Int.random(in: 0...3, using: &rng)
            let text = String((0..<count).map { _ in "XYZé\n".randomElement(using: &rng)! })
            edits.append(ByteEdit(range: position..<position + length, text: text))
            position += length
        }
        return edits
    }

    /// The reference: each edit applied to an array, last first (the edits are sorted; equal
    /// insertion offsets are applied in reverse so that they end up in their given order).
    static func reference(_ edits: [ByteEdit], to bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        for edit in edits.reversed() { out.replaceSubrange(edit.range, with: edit.replacement) }
        return out
    }

    @Test func randomEditsMatchTheReference() {
        var rng = SeededGenerator(seed: 12)
        for trial in 0..<500 {
            let count = Int.random(in: 0...40, using: &rng)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0x61...0x7A, using: &rng) }
            let edits = Self.edits(count: bytes.count, using: &rng)
            let expected = Self.reference(edits, to: bytes)
            let source = SourceBuffer(bytes: bytes)
            // Given out of order: apply sorts them. Insertions at one offset keep their given order,
            // so only the groups of edits at distinct offsets are shuffled.
            let groups = Dictionary(grouping: edits, by: \.range.lowerBound)
            let shuffled = groups.keys.sorted().shuffled(using: &rng).flatMap { groups[$0]! }
            #expect(EditApplier.apply(shuffled, to: source) == expected, "trial \(trial): \(edits)")
            var streamed: [UInt8] = []
            EditApplier.write(edits, source: source) { streamed += $0 }
            #expect(streamed == expected, "trial \(trial)")
            #expect(EditApplier.apply(edits, to: source, within: 0..<bytes.count) == expected, "trial \(trial)")
        }
    }

    @Test func noEditsCopyTheSource() {
        let source = SourceBuffer("a: 1\n")
        #expect(EditApplier.apply([], to: source) == Array("a: 1\n".utf8))
        #expect(EditApplier.ordered([]) == [])
    }

    @Test func insertionAtTheEndOfARangeBelongsToIt() {
        let source = SourceBuffer("0123456789")
        let edits = [ByteEdit(range: 7..<7, text: "!"), ByteEdit(range: 4..<5, text: "")]
        #expect(String(decoding: EditApplier.apply(edits, to: source, within: 3..<7), as: UTF8.self) == "356!")
    }

    @Test func writingToAFileDescriptorWritesTheEditedStream() throws {
        let source = SourceBuffer(bytes: Array(repeating: UInt8(ascii: "y"), count: 200_000))
        let edits = [ByteEdit(range: 0..<1, text: "start"), ByteEdit(range: 199_999..<200_000, text: "end\n")]
        let path = "/tmp/kc-editapplier-\(UInt64.random(in: 0...UInt64.max)).out"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(fd >= 0)
        defer { unlink(path) }
        #expect(EditApplier.write(edits, source: source, fileDescriptor: fd))
        close(fd)
        let written = try SourceBuffer.read(path: path)
        #expect(written.bytes(0..<written.count) == EditApplier.apply(edits, to: source))
        #expect(!EditApplier.write(edits, source: source, fileDescriptor: -1), "a failed write(2) is reported")
    }
}
