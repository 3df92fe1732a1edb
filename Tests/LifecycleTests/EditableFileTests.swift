import CanaryLifecycle
import Foundation
import Testing
import YAMLStream

@Suite("EditableFile atomic replace")
struct EditableFileTests {
    @Test func replaceKeepsModeAndLeavesNoTemporaryFile() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("hr.yaml", try FixtureFiles.bytes("seed.yaml"), mode: 0o640)
        let file = try EditableFile.open(path)
        let plan = try LifecyclePlanner().plan(.promote, source: file.source)
        try file.replace(applying: plan.edits)
        #expect(try dir.bytes("hr.yaml") == (try FixtureFiles.bytes("seed.promote.yaml")))
        #expect(try dir.mode("hr.yaml") == 0o640)
        #expect(try dir.listing() == ["hr.yaml"])
    }

    @Test func symlinkTargetIsReplacedAndLinkKept() throws {
        let dir = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir.path + "/real", withIntermediateDirectories: true)
        try dir.write("real/hr.yaml", try FixtureFiles.bytes("seed.yaml"))
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/link.yaml", withDestinationPath: "real/hr.yaml")
        let file = try EditableFile.open(dir.path + "/link.yaml")
        try file.replace(applying: try LifecyclePlanner().plan(.rollback, source: file.source).edits)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.path + "/link.yaml") == "real/hr.yaml")
        #expect(try dir.bytes("real/hr.yaml") == (try FixtureFiles.bytes("seed.rollback.yaml")))
        #expect(try dir.listing() == ["link.yaml", "real"])
    }

    @Test func fileChangedSinceReadIsNotOverwritten() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("hr.yaml", try FixtureFiles.bytes("seed.yaml"))
        let file = try EditableFile.open(path)
        let plan = try LifecyclePlanner().plan(.promote, source: file.source)
        let concurrent = Array("# edited by someone else\n".utf8) + (try FixtureFiles.bytes("seed.yaml"))
        try dir.write("hr.yaml", concurrent)
        #expect(throws: LifecycleError.self) { try file.replace(applying: plan.edits) }
        #expect(try dir.bytes("hr.yaml") == concurrent)
        #expect(try dir.listing() == ["hr.yaml"])
    }

    @Test func unreadableInputs() throws {
        let dir = try TemporaryDirectory()
        #expect(throws: LifecycleError.self) { try EditableFile.open(dir.path + "/missing.yaml") }
        #expect(throws: LifecycleError.self) { try EditableFile.open(dir.path) }
    }
}
