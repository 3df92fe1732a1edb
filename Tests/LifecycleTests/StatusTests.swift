import CanaryLifecycle
import Foundation
import TestSupport
import Testing
import YAMLSource
import YAMLStream

@Suite("Lifecycle status and schedule")
struct StatusTests {
    func status(_ arguments: [String], file: String, text: String? = nil) throws -> ProcessResult {
        let dir = try TemporaryDirectory()
        let path = try dir.write(file, text.map { Array($0.utf8) } ?? (try FixtureFiles.bytes(file)), mode: 0o644)
        return try ProcessRunner.run(try ToolPaths.binary(), ["status", path] + arguments, directory: dir.path)
    }

    @Test func seedStatusTable() throws {
        let result = try status([], file: "seed.yaml")
        #expect(result.status == 0)
        #expect(
            result.stdoutText.hasSuffix(
                """
                VALUES       document 1 (HelmRelease sample-dev/sklearn), spec.values
                STATE        canary running
                PRIMARY      60%  gs://kfserving-examples/models/sklearn/1.0/model
                CANARY       40%  gs://kfserving-examples/models/sklearn/1.0/model-2
                PRIMARYLOAD  60
                STEP         40% is not a step of 10,25,50,100; next step: 50%

                """))
    }

    @Test func seedStatusJSON() throws {
        let result = try status(["--output", "json", "--steps", "20,40,100"], file: "seed.yaml")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any])
        #expect(json["document"] as? Int == 1)
        #expect(json["release"] as? String == "sample-dev/sklearn")
        #expect(json["releaseName"] as? String == "sklearn")
        #expect(json["releaseNamespace"] as? String == "sample-dev")
        #expect(json["valuesPath"] as? String == "spec.values")
        #expect(json["running"] as? Bool == true)
        #expect(json["newStorageUri"] as? String == "gs://kfserving-examples/models/sklearn/1.0/model-2")
        #expect(json["primaryLoad"] as? Int == 60)
        #expect(json["primaryWeight"] as? Int == 60 && json["canaryWeight"] as? Int == 40)
        #expect(json["steps"] as? [Int] == [20, 40, 100])
        #expect(json["step"] as? Int == 2 && json["nextStep"] as? Int == 100)
        #expect(json["nextPromotes"] as? Bool == false)
        #expect(json["notes"] as? [String] == [])
        // Every key is present, null when unset, in a stable (sorted) order.
        let keys = [
            "canaryWeight", "document", "file", "newStorageUri", "nextPromotes", "nextStep", "notes", "primaryLoad",
            "primaryWeight", "release", "releaseName", "releaseNamespace", "running", "step", "steps", "storageUri",
            "valuesPath",
        ]
        #expect(json.keys.sorted() == keys)
        let positions = keys.map { result.stdoutText.range(of: "\"\($0)\"")!.lowerBound }
        #expect(positions == positions.sorted())
    }

    @Test func idleStatus() throws {
        let text = try FixtureFiles.text("values-file-idle.yaml").replacingOccurrences(
            of: "exposeModel:", with: "primaryLoad: 70\nexposeModel:")
        let result = try status([], file: "v.yaml", text: text)
        #expect(
            result.stdoutText.hasSuffix(
                """
                VALUES       document 1, .
                STATE        no canary
                PRIMARY      100%  gs://kfserving-examples/models/sklearn/1.0/model
                CANARY       -
                PRIMARYLOAD  70
                STEP         -
                NOTE         primaryLoad is 70 but no canary is running; the chart sends all traffic to the primary

                """))
        let s = try LifecyclePlanner().status(SourceBuffer(text))
        #expect(s.step == nil && s.nextStep == nil && !s.nextPromotes)
    }

    @Test func stdinIsRead() throws {
        let result = try ProcessRunner.run(
            try ToolPaths.binary(), ["status", "-", "--output", "json"], stdin: try FixtureFiles.bytes("seed.yaml"))
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("\"file\" : \"<stdin>\""))
    }

    @Test func controlCharactersInTheInputAreEscaped() throws {
        let text = try FixtureFiles.text("seed.yaml").replacingOccurrences(
            of: "model-2\"", with: "model-2\\u001B[31m\\r\\nFAKE\"")
        let result = try status([], file: "seed.yaml", text: text)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(!result.stdoutText.contains("\u{1B}") && !result.stdoutText.contains("\r"))
        #expect(result.stdoutText.contains("model-2\\u001B[31m\\u000D\\u000AFAKE"))
    }

    @Test(arguments: [
        ("\"75\"", "the string \"75\"", true), ("!!str 75", "the string \"75\"", true),
        ("true", "the boolean true", false), ("75.5", "the number 75.5", false),
        ("0150", "the integer 104 (a leading 0", false), ("abc", "the string \"abc\"", false),
    ])
    func primaryLoadsTheChartRefusesAreErrors(_ spelling: String, _ described: String, _ repairable: Bool) throws {
        let text = try FixtureFiles.text("seed.yaml").replacingOccurrences(
            of: "primaryLoad: 60", with: "primaryLoad: \(spelling)")
        #expect(throws: LifecycleError.self) { try LifecyclePlanner().status(SourceBuffer(text)) }
        do { _ = try LifecyclePlanner().status(SourceBuffer(text)) } catch {
            #expect(error.message.contains(described), "\(error.message)")
        }
        if repairable {
            // A number written as a string: the commands that set primaryLoad write it as a number.
            let plan = try LifecyclePlanner().plan(.setWeight(canary: 25), source: SourceBuffer(text))
            #expect(
                LineDiff.changes(text, String(decoding: plan.editedBytes(), as: UTF8.self))
                    == ["-    primaryLoad: \(spelling)   ### Important", "+    primaryLoad: 75   ### Important"])
        } else {
            #expect(throws: LifecycleError.self) {
                try LifecyclePlanner().plan(.setWeight(canary: 25), source: SourceBuffer(text))
            }
        }
    }

    @Test(
        arguments: [("060", 48), ("0x3C", 60), ("+60", 60), ("60.0", 60), ("!!int \"60\"", 60), ("~", nil), ("", nil)]
            as [(String, Int?)])
    func primaryLoadIsReadAsHelmReadsIt(_ spelling: String, _ value: Int?) throws {
        let text = try FixtureFiles.text("seed.yaml").replacingOccurrences(
            of: "primaryLoad: 60", with: "primaryLoad: \(spelling)")
        let s = try LifecyclePlanner().status(SourceBuffer(text))
        #expect(s.state.primaryLoad == value)
        #expect(s.state.primaryWeight == (value ?? 100))
    }

    @Test func lastStepPromotesNext() throws {
        let text = try FixtureFiles.text("seed.yaml").replacingOccurrences(
            of: "primaryLoad: 60", with: "primaryLoad: 0")
        let s = try LifecyclePlanner().status(SourceBuffer(text))
        #expect(s.step == 4)
        #expect(s.nextPromotes)
        #expect(
            try status([], file: "seed.yaml", text: text).stdoutText.contains(
                "STEP         step 4/4 of 10,25,50,100; next step promotes\n"))
    }

    @Test(arguments: [(0, 10), (9, 10), (10, 25), (24, 25), (25, 50), (50, 100), (99, 100)])
    func nextStep(_ canary: Int, _ next: Int) {
        #expect(StepSchedule.standard.next(after: canary) == next)
    }

    @Test func stepAfterLastPromotes() throws {
        #expect(StepSchedule.standard.next(after: 100) == nil)
        #expect(try StepSchedule([10, 50]).next(after: 60) == nil)
        #expect(StepSchedule.standard.number(of: 25) == 2)
        #expect(StepSchedule.standard.number(of: 30) == nil)
    }

    @Test func missingPrimaryLoadCountsAsHundred() throws {
        let state = try LifecyclePlanner().read(
            SourceBuffer("inferenceservice:\n  predictor:\n    model:\n      newStorageUri: x\n")
        ).state
        #expect(state.primaryLoad == nil && state.isRunning)
        #expect(state.canaryWeight == 0 && state.primaryWeight == 100)
    }
}
