import Foundation
import TestSupport
import Testing
import YAMLEditing
import YAMLSource
import YAMLStream
import YAMLValues

@testable import YAMLReadBack

/// The read-back's fast path against the full comparison, on the cases of
/// `Fixtures/lockstep-read-back.yaml`: it may only say "reads back as intended" when the full
/// comparison agrees, and it must say so for the edits post-render makes every day. (Debug builds
/// also check every read-back of the whole suite this way: see `ReadBack.difference`.)
@Suite("read-back fast path")
struct LockstepReadBackTests {
    struct Case: CustomTestStringConvertible {
        var name: String
        var before: String
        var after: String
        var changes: [ReadBack.Change]
        var fast: Bool
        var reads: Bool?
        var testDescription: String { name }
    }

    static func cases() throws -> [Case] {
        let path = ToolPaths.repositoryRoot + "/Tests/YAMLReadBackTests/Fixtures/lockstep-read-back.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard case .list(let items) = try YAMLValueReader.documents(text).first else {
            throw TestFailure("\(path): not a list of cases")
        }
        return try items.map { item in
            guard let map = item.map, let name = map["name"]?.string, let before = map["before"]?.string,
                let after = map["after"]?.string, let fast = map["fast"]?.bool, let changes = map["changes"]?.list
            else { throw TestFailure("\(path): a case without name, before, after, changes or fast") }
            return Case(
                name: name, before: before, after: after,
                changes: try changes.map { change in
                    guard let path = change.map?["path"]?.string else {
                        throw TestFailure("\(name): a change without path")
                    }
                    let components = path.split(separator: ".").map { YAMLPathComponent.key(String($0)) }
                    return ReadBack.Change(components, change.map?["remove"]?.bool == true ? nil : change.map?["value"])
                },
                fast: fast, reads: map["reads"]?.bool)
        }
    }

    /// The edit that turns `before` into `after`: the span between their common prefix and suffix.
    static func edit(_ before: String, _ after: String) -> ByteEdit {
        let a = Array(before.utf8)
        let b = Array(after.utf8)
        var prefix = 0
        while prefix < a.count && prefix < b.count && a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix && suffix < b.count - prefix
            && a[a.count - 1 - suffix] == b[b.count - 1 - suffix]
        {
            suffix += 1
        }
        return ByteEdit(range: prefix..<(a.count - suffix), replacement: Array(b[prefix..<(b.count - suffix)]))
    }

    @Test(arguments: try cases())
    func fastPathAgreesWithTheFullComparison(_ c: Case) throws {
        var parsed: YAMLDocument?
        _ = YAMLStreamParser().parse(SourceBuffer(c.before)) { parsed = $0 }
        let before = try #require(parsed, "the case's input does not parse")
        let tree = ChangeTree(c.changes)
        let output = Array(c.after.utf8)
        // The edit as post-render would make it; the fast path then reads only its region again.
        let fast = ReadBack.readsAlike(before, edits: [Self.edit(c.before, c.after)], output: output, changes: tree)
        // The whole document read in lockstep, without a region.
        let whole = LockstepReadBack.readsAlike(
            SourceBuffer(c.after), before, root: try #require(before.root), changes: tree)
        let full = ReadBack.fullDifference(before, output: SourceBuffer(c.after), changes: tree)
        #expect(!fast || full == nil, "the fast path accepted what the full comparison refuses: \(full ?? "")")
        #expect(!whole || full == nil, "the lockstep accepted what the full comparison refuses: \(full ?? "")")
        #expect(fast == c.fast, "whole: \(whole)")
        if let reads = c.reads { #expect((full == nil) == reads, "full comparison: \(full ?? "reads back")") }
    }

    /// A scalar too long to keep (over 64 KiB) anywhere in the document: its text cannot be
    /// compared, so neither path accepts the edit, wherever the scalar is.
    @Test func aScalarTooLongToKeepIsNeverAccepted() throws {
        let big = String(repeating: "x", count: 70_000)
        for before in ["a: \(big)\nm:\n  s: 1\n", "m:\n  s: 1\n  a: \(big)\n"] {
            var parsed: YAMLDocument?
            _ = YAMLStreamParser().parse(SourceBuffer(before)) { parsed = $0 }
            let document = try #require(parsed)
            let after = before.replacingOccurrences(of: "s: 1", with: "s: 2")
            let tree = ChangeTree([ReadBack.Change([.key("m"), .key("s")], .int(2))])
            let edit = Self.edit(before, after)
            #expect(!ReadBack.readsAlike(document, edits: [edit], output: Array(after.utf8), changes: tree))
            #expect(
                ReadBack.difference(document, edits: [edit], changes: [.init([.key("m"), .key("s")], .int(2))]) != nil)
        }
    }
}
