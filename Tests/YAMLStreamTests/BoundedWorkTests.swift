import Testing
import YAMLSource

@testable import YAMLStream

/// Issue 10 §5: hostile streams cost bounded work. Asserted by structure, not by time (timings
/// belong to Benchmarks/): what the parser built, and how far into the stream it read.
@Suite("Bounded work")
struct BoundedWorkTests {
    /// An 800 KB VirtualService whose `hosts` holds one anchor and 200,000 aliases of it.
    static func aliasedVirtualService(aliases: Int) -> String {
        "apiVersion: networking.istio.io/v1\nkind: VirtualService\n"
            + "metadata: {name: sklearn-predictor, namespace: models}\nspec:\n  hosts: [&h sklearn.example.com"
            + String(repeating: ", *h", count: aliases) + "]\n"
    }

    @Test("200,000 aliases: each resolved once while parsing, through the anchor index, never expanded")
    func aliasesAreResolvedByTheAnchorIndex() throws {
        let aliases = 200_000
        let text = Self.aliasedVirtualService(aliases: aliases)
        #expect(text.utf8.count >= 800_000)
        let (documents, outcome) = TestDocuments.parse(text)
        #expect(outcome.errors.isEmpty)
        let doc = try #require(documents.first)
        // One node per alias (nothing expanded), each alias mapped to its anchor in the table that
        // `resolve(_:)` reads: a lookup, not a scan back through the document.
        #expect(doc.nodeCount == 16 + aliases)
        #expect(doc.aliasTargets.count == aliases)
        let hosts = try #require(doc.node("spec", "hosts"))
        let children = doc.children(hosts)
        let anchor = children[0]
        #expect(doc.anchor(anchor) == "h" && doc.isAliasTarget(anchor))
        #expect(Set(doc.aliasTargets.values) == [anchor.index])
        #expect(children.dropFirst().allSatisfy { doc.resolve($0) == anchor && doc.aliasName($0) == "h" })
    }

    @Test("40 documents of 9,999-deep {a: : refused in the first document; the other 39 are never scanned")
    func deepFlowNestingStopsEarly() throws {
        let one = "v: " + String(repeating: "{a: ", count: 9_999) + String(repeating: "}", count: 9_999) + "\n"
        let text = String(repeating: "---\n" + one, count: 40)
        #expect(text.utf8.count >= 2_000_000)
        var delivered = 0
        let outcome = YAMLStreamParser().parse(SourceBuffer(text)) { _ in delivered += 1 }
        #expect(delivered == 0)
        #expect(outcome.errors.count == 1)
        let error = try #require(outcome.errors.first)
        #expect(error.documentNumber == 1)
        #expect(error.message.contains("nest deeper than 64 levels too often in this stream"))
        // Where libyaml stopped: inside the first document, so 39 of the 40 were never read.
        #expect(error.mark.line == 2 && error.mark.offset < ("---\n" + one).utf8.count)
        #expect(outcome.stoppedEarly && outcome.documentCount == 1)
    }

    @Test("the flow allowance is spent by depth beyond 64 only: 40 documents 64 deep are free")
    func shallowFlowNestingIsFree() {
        let one = "v: " + String(repeating: "{a: ", count: 64) + String(repeating: "}", count: 64) + "\n"
        var parser = YAMLStreamParser()
        parser.flowWorkLimit = 0
        var delivered = 0
        let outcome = parser.parse(SourceBuffer(String(repeating: "---\n" + one, count: 40))) { _ in delivered += 1 }
        #expect(outcome.errors.isEmpty)
        #expect(delivered == 40)
        // One level more, and a budget of nothing refuses it at once.
        let deeper = "v: " + String(repeating: "{a: ", count: 65) + String(repeating: "}", count: 65) + "\n"
        #expect(parser.parse(SourceBuffer(deeper)) { _ in }.errors.count == 1)
    }
}
