import Testing
import YAMLStream

/// The YAML layer's bounds on hostile input, counted rather than timed: what the parser builds for
/// an alias bomb and for a huge scalar.
@Suite("YAMLStreamParser bounds")
struct HostileBoundsTests {
    /// Thirty levels of `[*a, *a]` (2^31 nodes once expanded).
    static let aliasBomb =
        (["a: &a [\"lol\"]"]
        + (1...30).map { i in
            let previous = i == 1 ? "a" : "a\(i - 1)"
            return "a\(i): &a\(i) [*\(previous), *\(previous)]"
        }).joined(separator: "\n") + "\n"

    @Test func anAliasBombBuildsOneNodePerNodeWritten() throws {
        let doc = try #require(TestDocuments.first(Self.aliasBomb))
        // The root, 31 keys, ["lol"] and its item, then 30 sequences of two aliases each.
        #expect(doc.nodeCount == 1 + 31 + 2 + 30 * 3)
        let last = try #require(doc.node("a30"))
        #expect(doc.children(last).allSatisfy { doc[$0].kind == .alias })
        #expect(doc.children(last).allSatisfy { doc.resolve($0) == doc.node("a29") })
    }

    @Test func scalarsOverTheLimitAreNotCopied() throws {
        let big = String(repeating: "x", count: (1 << 16) + 1)
        let text = "big: \"\(big)\"\nsmall: \"\(String(repeating: "y", count: 1 << 16))\"\n"
        let doc = try #require(TestDocuments.first(text))
        let node = try #require(doc.node("big"))
        #expect(doc.isTruncated(node))
        #expect(doc.scalarText(node) == nil)
        let small = try #require(doc.node("small"))
        #expect(!doc.isTruncated(small) && doc.scalarText(small)?.utf8.count == 1 << 16)
        // The node still knows where its bytes are.
        #expect(doc.sourceText(node).utf8.count == big.utf8.count + 2)
        // A parser told to keep longer scalars keeps it.
        let (docs, _) = TestDocuments.parse(text, parser: YAMLStreamParser(maxScalarLength: 1 << 20))
        #expect(docs.first.flatMap { d in d.node("big").flatMap(d.scalarText) } == big)
    }
}
