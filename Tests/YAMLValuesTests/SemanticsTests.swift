import Testing
import YAMLEditing
import YAMLReadBack
import YAMLScalars
import YAMLSource
import YAMLStream

@testable import YAMLValues

/// Node-level reading: which entry wins, and whether it is written where it is read.
@Suite("Document semantics")
struct SemanticsTests {
    func document(_ text: String) throws -> YAMLDocument {
        var doc: YAMLDocument?
        let outcome = YAMLStreamParser().parse(SourceBuffer(text)) { doc = $0 }
        #expect(outcome.errors.isEmpty)
        return try #require(doc)
    }

    func value(_ doc: YAMLDocument, _ key: String) throws -> String? {
        guard let entry = try doc.lookup(key, in: doc.root!) else { return nil }
        return doc.scalarText(entry.value)
    }

    @Test func theLastOfRepeatedKeysWins() throws {
        let doc = try document("a: 1\nb: 2\na: 3\n")
        #expect(try value(doc, "a") == "3")
        #expect(doc.duplicateKeys(under: doc.root!).count == 1)
    }

    @Test func mergeKeysApplyAtTheirPosition() throws {
        // go-yaml v2 applies entries in order: a merge overrides what came before it.
        let before = try document("a: 1\n<<: {a: 2, b: 3}\n")
        #expect(try value(before, "a") == "2")
        #expect(try before.lookup("a", in: before.root!)?.isMerged == true)
        let after = try document("<<: {a: 2, b: 3}\na: 1\n")
        #expect(try value(after, "a") == "1")
        #expect(try after.lookup("a", in: after.root!)?.isDirect == true)
        #expect(try value(after, "b") == "3")
    }

    @Test func inAMergedListTheEarliestMappingWins() throws {
        let doc = try document("x: &x {a: 1}\ny: &y {a: 2, b: 2}\nm:\n  <<: [*x, *y]\n")
        let m = try #require(try doc.lookup("m", in: doc.root!)).value
        #expect(doc.scalarText(try #require(try doc.lookup("a", in: m)).value) == "1")
        #expect(doc.scalarText(try #require(try doc.lookup("b", in: m)).value) == "2")
    }

    @Test func keysAreComparedAsJSONKeys() throws {
        let doc = try document("1: one\n\"spec\": s\n!!str yes: y\n")
        #expect(try value(doc, "1") == "one")
        #expect(try value(doc, "spec") == "s")
        #expect(try value(doc, "yes") == "y")
        let bools = try document("yes: a\n")
        #expect(try value(bools, "true") == "a")
        #expect(try value(bools, "yes") == nil)
    }

    @Test func aliasedValuesAreFollowedButNotDirect() throws {
        let doc = try document("a: &u gs://x\nb: *u\n")
        let b = try #require(try doc.lookup("b", in: doc.root!))
        #expect(doc.scalarText(b.value) == "gs://x")
        #expect(!b.isDirect)
        #expect(b.written != b.value)
    }

    @Test func badMergeValuesAreErrors() throws {
        let doc = try document("<<: 1\na: 2\n")
        #expect(throws: YAMLValueError.self) { try doc.lookup("zzz", in: doc.root!) }
    }

    @Test func readBackFindsTheDifference() throws {
        let doc = try document("a: 1\nb: [p, q]\n")
        let b = try #require(try doc.lookup("b", in: doc.root!))
        let last = try #require(doc.children(b.value).last)
        let edit = ByteEdit(range: doc[last].range, text: "z")
        #expect(
            ReadBack.difference(doc, edits: [edit], changes: [ReadBack.Change([.key("b"), .index(1)], .string("z"))])
                == nil)
        let problem = ReadBack.difference(doc, edits: [edit], changes: [])
        #expect(problem == "b[1] is the string \"z\" instead of the string \"q\"")
        // The final line break.
        let swallowed = ByteEdit(range: (doc.range.upperBound - 1)..<doc.range.upperBound, text: "")
        #expect(ReadBack.difference(doc, edits: [swallowed], changes: []) == "its last line break was lost")
    }

    @Test func float32KeysFormatLikeGo() {
        #expect(GoFloat.format32(1.5) == "1.5")
        #expect(GoFloat.format32(100000) == "100000")
        #expect(GoFloat.format32(1e6) == "1e+06")
        #expect(GoFloat.format32(0.0001) == "0.0001")
        #expect(GoFloat.format32(0.00001) == "1e-05")
        #expect(GoFloat.format32(.infinity) == ".inf")
    }
}
