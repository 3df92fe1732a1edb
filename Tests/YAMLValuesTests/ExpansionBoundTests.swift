import Testing
import YAMLEditing
import YAMLReadBack
import YAMLSource
import YAMLStream
import YAMLValues

/// The alias bound of the value layer, counted rather than timed: reading a document as values
/// expands aliases up to `YAMLValueReader.maxExpandedNodes`; reading an edit back compares each
/// aliased node once.
@Suite("alias expansion bound")
struct ExpansionBoundTests {
    /// `levels` levels of `[*a, *a]`: 2^(levels+1) nodes once expanded.
    static func bomb(levels: Int) -> String {
        (["a: &a [\"lol\"]"]
            + (1...levels).map { i in
                let previous = i == 1 ? "a" : "a\(i - 1)"
                return "a\(i): &a\(i) [*\(previous), *\(previous)]"
            }).joined(separator: "\n") + "\n"
    }

    static func document(_ text: String) throws -> YAMLDocument {
        var doc: YAMLDocument?
        _ = YAMLStreamParser().parse(SourceBuffer(text)) { doc = $0 }
        return try #require(doc)
    }

    @Test func aSmallBombIsReadAndABigOneRefused() throws {
        let small = try YAMLValueReader.value(of: try Self.document(Self.bomb(levels: 10)))
        #expect(small["a10"]?.list?.count == 2)
        let big = try Self.document(Self.bomb(levels: 30))
        do throws(YAMLValueError) {
            _ = try YAMLValueReader.value(of: big)
            Issue.record("a document of 2^31 nodes was read")
        } catch {
            #expect(error.description.contains("expands to more than \(YAMLValueReader.maxExpandedNodes) nodes"))
        }
    }

    @Test func readingBackABombComparesEachAliasedNodeOnce() throws {
        // Unchanged: the comparison must end without reaching the bound (2^31 visits otherwise).
        let doc = try Self.document(Self.bomb(levels: 30))
        #expect(ReadBack.difference(doc, edits: [], changes: []) == nil)
        // And a change inside it is still found.
        let a = try #require(doc.root.flatMap { root in doc.entries(root).first?.value })
        let item = doc.children(a)[0]
        let edit = ByteEdit(range: doc[item].range, text: "\"LOL\"")
        #expect(ReadBack.difference(doc, edits: [edit], changes: [])?.contains("a[0]") == true)
    }
}
