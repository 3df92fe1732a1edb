import CanaryLifecycle
import Testing
import YAMLSource
import YAMLStream

/// One operation on a fixture, its golden result and the exact lines it changes.
struct GoldenCase: CustomTestStringConvertible, Sendable {
    var before: String
    var operation: LifecycleOperation
    var after: String
    var selector = ValuesSelector()
    var diff: [String]

    var testDescription: String { "\(operation.name) \(before) → \(after)" }
}

@Suite("Lifecycle golden files")
struct GoldenTests {
    static let seedURI = "\"gs://kfserving-examples/models/sklearn/1.0/model\""
    static let seedNewURI = "\"gs://kfserving-examples/models/sklearn/1.0/model-2\""

    static let cases: [GoldenCase] = [
        // The seed's Flux HelmRelease: a canary at 40 %.
        GoldenCase(
            before: "seed.yaml", operation: .step(.standard), after: "seed.step.yaml",
            diff: [
                "-    primaryLoad: 60   ### Important",
                "+    primaryLoad: 50   ### Important",
            ]),
        GoldenCase(
            before: "seed.yaml", operation: .setWeight(canary: 25), after: "seed.set-weight-25.yaml",
            diff: [
                "-    primaryLoad: 60   ### Important",
                "+    primaryLoad: 75   ### Important",
            ]),
        GoldenCase(
            before: "seed.yaml", operation: .promote, after: "seed.promote.yaml",
            diff: [
                "-    primaryLoad: 60   ### Important",
                "+    primaryLoad: 100   ### Important",
                "-          storageUri: \(seedURI)",
                "-          newStorageUri: \(seedNewURI)   ### Important",
                "+          storageUri: \(seedNewURI)",
            ]),
        GoldenCase(
            before: "seed.yaml", operation: .rollback, after: "seed.rollback.yaml",
            diff: [
                "-    primaryLoad: 60   ### Important",
                "+    primaryLoad: 100   ### Important",
                "-          newStorageUri: \(seedNewURI)   ### Important",
            ]),
        // A custom schedule whose last step is below the current weight: step promotes.
        GoldenCase(
            before: "seed.yaml", operation: .step(try! StepSchedule([5, 20])), after: "seed.promote.yaml",
            diff: [
                "-    primaryLoad: 60   ### Important",
                "+    primaryLoad: 100   ### Important",
                "-          storageUri: \(seedURI)",
                "-          newStorageUri: \(seedNewURI)   ### Important",
                "+          storageUri: \(seedNewURI)",
            ]),
        // The promoted seed starts the next canary: newStorageUri is inserted after storageUri, quoted like it.
        GoldenCase(
            before: "seed.promote.yaml",
            operation: .start(uri: "gs://kfserving-examples/models/sklearn/1.0/model-3", canary: 10),
            after: "seed.promote.start.yaml",
            diff: [
                "-    primaryLoad: 100   ### Important",
                "+    primaryLoad: 90   ### Important",
                "+          newStorageUri: \"gs://kfserving-examples/models/sklearn/1.0/model-3\"",
            ]),
        // No primaryLoad: inserted first in spec.values, above the comment of the first key; plain URI stays plain.
        GoldenCase(
            before: "idle.yaml", operation: .start(uri: "gs://kfserving-examples/models/sklearn/2.0/model", canary: 25),
            after: "idle.start.yaml",
            diff: [
                "+    primaryLoad: 75",
                "+          newStorageUri: gs://kfserving-examples/models/sklearn/2.0/model",
            ]),
        // A plain values file: single-quoted URIs stay single-quoted; the quoted primaryLoad (which
        // kserve-general's schema rejects) is written as a plain integer.
        GoldenCase(
            before: "values-file.yaml", operation: .step(.standard), after: "values-file.step.yaml",
            diff: [
                "-primaryLoad: \"75\"",
                "+primaryLoad: 50",
            ]),
        GoldenCase(
            before: "values-file.yaml", operation: .promote, after: "values-file.promote.yaml",
            diff: [
                "-primaryLoad: \"75\"",
                "+primaryLoad: 100",
                "-      storageUri: 'gs://kfserving-examples/models/sklearn/1.0/model'",
                "+      storageUri: 'gs://kfserving-examples/models/sklearn/1.0/model-2'",
                "-      newStorageUri: 'gs://kfserving-examples/models/sklearn/1.0/model-2'",
            ]),
        GoldenCase(
            before: "values-file-idle.yaml", operation: .start(uri: "s3://models/sklearn/it's-new", canary: 10),
            after: "values-file-idle.start.yaml",
            diff: [
                "+primaryLoad: 90",
                "+      newStorageUri: 's3://models/sklearn/it''s-new'",
            ]),
        // Several documents: only the kserve-general HelmRelease changes; an empty newStorageUri is
        // filled in place, keeping its double quotes and its comment.
        GoldenCase(
            before: "multi-document.yaml",
            operation: .start(uri: "gs://kfserving-examples/models/sklearn/1.0/model-2", canary: 20),
            after: "multi-document.start.yaml",
            diff: [
                "-    primaryLoad: '100'",
                "+    primaryLoad: 80",
                "-          newStorageUri: \"\"          # empty: no canary",
                """
                +          newStorageUri: \"gs://kfserving-examples/models/sklearn/1.0/model-2\"          # empty: \
                no canary
                """,
            ]),
        // An anchored storageUri that aliases read: newStorageUri goes next to it, the anchor
        // and both aliases stay as they are; rollback removes it again.
        GoldenCase(
            before: "anchored.yaml", operation: .start(uri: "gs://m/2", canary: 10), after: "anchored.start.yaml",
            diff: [
                "+    primaryLoad: 90",
                "+          newStorageUri: gs://m/2",
            ]),
        GoldenCase(
            before: "anchored.start.yaml", operation: .rollback, after: "anchored.rollback.yaml",
            diff: [
                "-    primaryLoad: 90",
                "+    primaryLoad: 100",
                "-          newStorageUri: gs://m/2",
            ]),
        // A flow-mapping model: go-yaml v2 ends a plain scalar at `?` inside `{...}`, so a URI with a
        // query is written quoted there (docs/yaml-rules.md section 4).
        GoldenCase(
            before: "flow-model.yaml", operation: .start(uri: "https://example.com/m?sig=abc", canary: 10),
            after: "flow-model.start.yaml",
            diff: [
                "-    primaryLoad: 100",
                "+    primaryLoad: 90",
                "-        model: {storageUri: gs://m/1, newStorageUri: ~}",
                "+        model: {storageUri: gs://m/1, newStorageUri: \"https://example.com/m?sig=abc\"}",
            ]),
        // A `{...}` model without the key: the mapping is written again with it appended.
        GoldenCase(
            before: "flow-model-no-key.yaml", operation: .start(uri: "gs://m/2", canary: 10),
            after: "flow-model-no-key.start.yaml",
            diff: [
                "+    primaryLoad: 90",
                "-        model: {storageUri: gs://m/1, modelFormat: {name: sklearn}}  # flow",
                "+        model: {storageUri: gs://m/1, modelFormat: {name: sklearn}, newStorageUri: gs://m/2}  # flow",
            ]),
        // Undoing it: the `{...}` mapping is written again without the entry (its entries share a line).
        GoldenCase(
            before: "flow-model.start.yaml", operation: .rollback, after: "flow-model.rollback.yaml",
            diff: [
                "-    primaryLoad: 90",
                "+    primaryLoad: 100",
                "-        model: {storageUri: gs://m/1, newStorageUri: \"https://example.com/m?sig=abc\"}",
                "+        model: {storageUri: gs://m/1}",
            ]),
        GoldenCase(
            before: "flow-model.start.yaml", operation: .promote, after: "flow-model.promote.yaml",
            diff: [
                "-    primaryLoad: 90",
                "+    primaryLoad: 100",
                "-        model: {storageUri: gs://m/1, newStorageUri: \"https://example.com/m?sig=abc\"}",
                "+        model: {storageUri: \"https://example.com/m?sig=abc\"}",
            ]),
        // --release picks another HelmRelease; --path another mapping.
        GoldenCase(
            before: "multi-document.yaml", operation: .setWeight(canary: 0), after: "multi-document.cache.yaml",
            selector: ValuesSelector(release: "cache"),
            diff: [
                "-    primaryLoad: 5     # another chart's key with the same name: not ours",
                "+    primaryLoad: 100     # another chart's key with the same name: not ours",
            ]),
    ]

    @Test(arguments: cases)
    func goldenEdit(_ c: GoldenCase) throws {
        let before = try FixtureFiles.bytes(c.before)
        let plan = try LifecyclePlanner(selector: c.selector).plan(c.operation, source: SourceBuffer(bytes: before))
        let actual = plan.editedBytes()
        let golden = try FixtureFiles.golden(c.after, actual: actual)
        #expect(String(decoding: actual, as: UTF8.self) == String(decoding: golden, as: UTF8.self))
        #expect(
            LineDiff.changes(String(decoding: before, as: UTF8.self), String(decoding: actual, as: UTF8.self)) == c.diff
        )
        // The golden file reads back as the planned state.
        let reread = try LifecyclePlanner(selector: c.selector).read(SourceBuffer(bytes: golden))
        #expect(reread.state == plan.after)
    }

    /// A whole canary, start to promotion, on the seed's promoted file: every intermediate file
    /// differs from the previous one in the primaryLoad line only.
    @Test func fullLifecycleByStepping() throws {
        var bytes = try FixtureFiles.bytes("seed.promote.yaml")
        let planner = LifecyclePlanner()
        var loads: [Int?] = []
        let operations: [LifecycleOperation] = [
            .start(uri: "gs://m/3", canary: 10), .step(.standard), .step(.standard),
            .step(.standard), .step(.standard),
        ]
        for op in operations {
            let plan = try planner.plan(op, source: SourceBuffer(bytes: bytes))
            bytes = plan.editedBytes()
            loads.append(plan.after.primaryLoad)
        }
        #expect(loads == [90, 75, 50, 0, 100])
        let final = try planner.read(SourceBuffer(bytes: bytes)).state
        #expect(final == CanaryState(storageUri: "gs://m/3", newStorageUri: nil, primaryLoad: 100))
        #expect(
            LineDiff.changes(try FixtureFiles.text("seed.promote.yaml"), String(decoding: bytes, as: UTF8.self)) == [
                "-          storageUri: \(Self.seedNewURI)",
                "+          storageUri: \"gs://m/3\"",
            ])
    }

    /// CRLF files keep CRLF everywhere, inserted lines included.
    @Test func crlfLineBreaksAreKept() throws {
        let lf = try FixtureFiles.text("idle.yaml")
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        let plan = try LifecyclePlanner().plan(.start(uri: "gs://m/2", canary: 10), source: SourceBuffer(crlf))
        let out = String(decoding: plan.editedBytes(), as: UTF8.self)
        #expect(out.replacingOccurrences(of: "\r\n", with: "").contains("\n") == false)
        #expect(
            out
                == (try FixtureFiles.text("idle.start.yaml").replacingOccurrences(
                    of: "gs://kfserving-examples/models/sklearn/2.0/model", with: "gs://m/2"
                )
                .replacingOccurrences(of: "primaryLoad: 75", with: "primaryLoad: 90").replacingOccurrences(
                    of: "\n", with: "\r\n")))
    }

    /// Setting what is already there changes nothing.
    @Test func noOpLeavesNoEdits() throws {
        let seed = SourceBuffer(bytes: try FixtureFiles.bytes("seed.yaml"))
        let plan = try LifecyclePlanner().plan(.setWeight(canary: 40), source: seed)
        #expect(plan.isUnchanged)
        #expect(plan.summary.hasPrefix("unchanged: "))
        let idle = SourceBuffer(bytes: try FixtureFiles.bytes("idle.yaml"))
        let zero = try LifecyclePlanner().plan(.setWeight(canary: 0), source: idle)
        #expect(zero.isUnchanged)
    }
}
