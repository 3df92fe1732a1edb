import CanaryLifecycle
import Testing
import YAMLStream

@Suite("Lifecycle status and schedule")
struct StatusTests {
    @Test func seedStatusTable() throws {
        let status = try LifecyclePlanner().status(SourceBuffer(bytes: try FixtureFiles.bytes("seed.yaml")))
        #expect(status.table(file: "seed.yaml") == """
            FILE         seed.yaml
            VALUES       document 1 (HelmRelease sample-dev/sklearn), spec.values
            STATE        canary running
            PRIMARY      60%  gs://kfserving-examples/models/sklearn/1.0/model
            CANARY       40%  gs://kfserving-examples/models/sklearn/1.0/model-2
            PRIMARYLOAD  60
            STEP         40% is not a step of 10,25,50,100; next step: 50%

            """)
    }

    @Test func seedStatusJSON() throws {
        let status = try LifecyclePlanner().status(SourceBuffer(bytes: try FixtureFiles.bytes("seed.yaml")),
                                                   schedule: try StepSchedule([20, 40, 100]))
        #expect(status.json(file: "seed.yaml") == """
            {
              "file": "seed.yaml",
              "document": 1,
              "release": "sample-dev/sklearn",
              "valuesPath": "spec.values",
              "running": true,
              "storageUri": "gs://kfserving-examples/models/sklearn/1.0/model",
              "newStorageUri": "gs://kfserving-examples/models/sklearn/1.0/model-2",
              "primaryLoad": 60,
              "primaryWeight": 60,
              "canaryWeight": 40,
              "steps": [20, 40, 100],
              "step": 2,
              "nextStep": 100,
              "nextPromotes": false,
              "notes": []
            }

            """)
    }

    @Test func idleStatus() throws {
        let text = try FixtureFiles.text("values-file-idle.yaml").replacingOccurrences(of: "exposeModel:", with: "primaryLoad: 70\nexposeModel:")
        let status = try LifecyclePlanner().status(SourceBuffer(text))
        #expect(status.table(file: "v.yaml") == """
            FILE         v.yaml
            VALUES       document 1, .
            STATE        no canary
            PRIMARY      100%  gs://kfserving-examples/models/sklearn/1.0/model
            CANARY       -
            PRIMARYLOAD  70
            STEP         -
            NOTE         primaryLoad is 70 but no canary is running; the chart sends all traffic to the primary

            """)
        #expect(status.step == nil && status.nextStep == nil && !status.nextPromotes)
    }

    @Test func quotedPrimaryLoadIsReportedAndRepaired() throws {
        let source = SourceBuffer(bytes: try FixtureFiles.bytes("values-file.yaml"))
        let status = try LifecyclePlanner().status(source)
        #expect(status.notes == ["primaryLoad is the string \"75\"; kserve-general's schema wants an integer (the lifecycle commands write it plain)"])
        // Setting the same weight still writes the integer plain.
        let plan = try LifecyclePlanner().plan(.setWeight(canary: 25), source: source)
        #expect(LineDiff.changes(try FixtureFiles.text("values-file.yaml"), String(decoding: plan.editedBytes(), as: UTF8.self))
                == ["-primaryLoad: \"75\"", "+primaryLoad: 75"])
    }

    @Test func lastStepPromotesNext() throws {
        let text = try FixtureFiles.text("seed.yaml").replacingOccurrences(of: "primaryLoad: 60", with: "primaryLoad: 0")
        let status = try LifecyclePlanner().status(SourceBuffer(text))
        #expect(status.step == 4)
        #expect(status.nextPromotes)
        #expect(status.table(file: "f").contains("STEP         step 4/4 of 10,25,50,100; next step promotes\n"))
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
        let state = try LifecyclePlanner().read(SourceBuffer("inferenceservice:\n  predictor:\n    model:\n      newStorageUri: x\n")).state
        #expect(state.primaryLoad == nil && state.isRunning)
        #expect(state.canaryWeight == 0 && state.primaryWeight == 100)
    }
}
