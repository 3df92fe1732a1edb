import Foundation
import TestSupport
import Testing

/// The lifecycle commands through the built `kserve-canary` binary, on copies of the fixtures.
@Suite("Lifecycle commands (CLI)")
struct LifecycleCLITests {
    func run(_ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.run(try ToolPaths.binary(), arguments)
    }

    @Test(arguments: [
        (
            ["start", "--uri", "gs://kfserving-examples/models/sklearn/1.0/model-3", "--canary", "10"],
            "seed.promote.yaml", "seed.promote.start.yaml",
            """
            started canary gs://kfserving-examples/models/sklearn/1.0/model-3 with 10% of the traffic \
            (primaryLoad: 90)
            """
        ),
        (
            ["set-weight", "--canary", "25"], "seed.yaml", "seed.set-weight-25.yaml",
            "canary gs://kfserving-examples/models/sklearn/1.0/model-2 gets 25% of the traffic (primaryLoad: 75)"
        ),
        (
            ["step"], "seed.yaml", "seed.step.yaml",
            """
            step 3/4: canary gs://kfserving-examples/models/sklearn/1.0/model-2 gets 50% of the traffic \
            (primaryLoad: 50)
            """
        ),
        (
            ["step", "--steps", "5,20"], "seed.yaml", "seed.promote.yaml",
            """
            last step (20%) done; promoted gs://kfserving-examples/models/sklearn/1.0/model-2: storageUri updated, \
            newStorageUri removed, primaryLoad: 100
            """
        ),
        (
            ["promote"], "seed.yaml", "seed.promote.yaml",
            """
            promoted gs://kfserving-examples/models/sklearn/1.0/model-2 (replacing \
            gs://kfserving-examples/models/sklearn/1.0/model): storageUri updated, newStorageUri removed, \
            primaryLoad: 100
            """
        ),
        (
            ["rollback"], "seed.yaml", "seed.rollback.yaml",
            """
            rolled back canary gs://kfserving-examples/models/sklearn/1.0/model-2: newStorageUri removed, \
            primaryLoad: 100; the primary keeps gs://kfserving-examples/models/sklearn/1.0/model
            """
        ),
        (
            ["set-weight", "--canary", "0", "--release", "cache"], "multi-document.yaml", "multi-document.cache.yaml",
            "no canary is running; primaryLoad: 100"
        ),
        (
            [
                "start", "--uri", "gs://kfserving-examples/models/sklearn/1.0/model-2", "--canary", "20", "--path",
                "spec.values", "--release", "sklearn",
            ],
            "multi-document.yaml", "multi-document.start.yaml",
            """
            started canary gs://kfserving-examples/models/sklearn/1.0/model-2 with 20% of the traffic \
            (primaryLoad: 80)
            """
        ),
    ])
    func editsInPlace(_ arguments: [String], _ before: String, _ after: String, _ summary: String) throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("hr.yaml", try FixtureFiles.bytes(before), mode: 0o600)
        let result = try run([arguments[0], path] + arguments.dropFirst())
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText == "\(path): \(summary)\n")
        #expect(result.stderrText == "")
        #expect(try dir.bytes("hr.yaml") == (try FixtureFiles.bytes(after)))
        #expect(try dir.mode("hr.yaml") == 0o600)
        #expect(try dir.listing() == ["hr.yaml"])
    }

    @Test(arguments: [
        (["start", "--uri", "gs://m/3"], "seed.yaml", ":30:26: error: a canary is already running"),
        (
            ["set-weight", "--canary", "30"], "seed.promote.yaml",
            ":29:11: error: no canary is running (no newStorageUri); nothing to give it traffic."
        ),
        (["step"], "idle.yaml", ":27:11: error: no canary is running (no newStorageUri); nothing to step."),
        (
            ["promote"], "seed.promote.yaml",
            ":29:11: error: no canary is running (no newStorageUri); nothing to promote."
        ),
        (
            ["rollback"], "multi-document.yaml",
            ":43:26: error: no canary is running (newStorageUri is empty); nothing to roll back."
        ),
        (
            ["rollback", "--release", "nope"], "multi-document.yaml",
            ": error: no Flux HelmRelease named nope in the file (found: cache, sklearn)"
        ),
    ])
    func refusalsLeaveTheFileUntouched(_ arguments: [String], _ fixture: String, _ error: String) throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("hr.yaml", try FixtureFiles.bytes(fixture))
        let before = try FileManager.default.attributesOfItem(atPath: path)
        let result = try run([arguments[0], path] + arguments.dropFirst())
        #expect(result.status == 1)
        #expect(result.stdoutText == "")
        #expect(result.stderrText.hasPrefix(path + error), "\(result.stderrText)")
        #expect(result.stderrText.hasSuffix("\nkserve-canary: \(arguments[0]) refused; \(path) was not changed\n"))
        #expect(try dir.bytes("hr.yaml") == (try FixtureFiles.bytes(fixture)))
        let after = try FileManager.default.attributesOfItem(atPath: path)
        #expect(before[.modificationDate] as? Date == after[.modificationDate] as? Date)
        #expect(before[.systemFileNumber] as? Int == after[.systemFileNumber] as? Int)
        #expect(try dir.listing() == ["hr.yaml"])
    }

    @Test(arguments: [
        ["start", "--uri", "gs://m/3", "--canary", "101"],
        ["set-weight", "--canary", "150"],
        ["step", "--steps", "50,10"],
        ["status", "--output", "yaml"],
        ["rollback", "--path", "spec..values"],
    ])
    func invalidArgumentsAreRejected(_ arguments: [String]) throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("hr.yaml", try FixtureFiles.bytes("seed.yaml"))
        let result = try run([arguments[0], path] + arguments.dropFirst())
        #expect(result.status != 0)
        #expect(try dir.bytes("hr.yaml") == (try FixtureFiles.bytes("seed.yaml")))
    }

    @Test func missingFile() throws {
        let result = try run(["promote", "/nonexistent/hr.yaml"])
        #expect(result.status == 1)
        #expect(
            result.stderrText.hasPrefix(
                "/nonexistent/hr.yaml: error: cannot read /nonexistent/hr.yaml: No such file or directory\n"))
    }

    @Test func dryRunPrintsTheEditedFile() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("hr.yaml", try FixtureFiles.bytes("seed.yaml"))
        let result = try run(["promote", path, "--dry-run"])
        #expect(result.status == 0)
        #expect(result.stdout == (try FixtureFiles.bytes("seed.promote.yaml")))
        #expect(result.stderrText.hasSuffix("(dry run; the file was not written)\n"))
        #expect(try dir.bytes("hr.yaml") == (try FixtureFiles.bytes("seed.yaml")))
    }

    @Test func statusOutputs() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("hr.yaml", try FixtureFiles.bytes("seed.yaml"))
        let table = try run(["status", path])
        #expect(table.status == 0)
        #expect(table.stdoutText.contains("CANARY       40%  gs://kfserving-examples/models/sklearn/1.0/model-2\n"))
        let json = try run(["status", path, "--output", "json", "--steps", "20,40,100"])
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout)) as? [String: Any]
        #expect(object?["canaryWeight"] as? Int == 40)
        #expect(object?["step"] as? Int == 2)
        #expect(object?["running"] as? Bool == true)
        let bad = try run(["status", dir.path + "/missing.yaml"])
        #expect(bad.status == 1)
    }
}
