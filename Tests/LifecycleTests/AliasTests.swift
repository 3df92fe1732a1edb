import CanaryLifecycle
import Foundation
import TestSupport
import Testing
import YAMLSource
import YAMLStream

/// Edits next to anchors and aliases: allowed when what an alias reads keeps its bytes (checked
/// by kubectl's reading of the edited file), refused when the edit would change it.
@Suite("Lifecycle edits and aliases")
struct AliasTests {
    /// `spec.values` as kubectl reads `bytes`.
    func values(_ bytes: [UInt8]) throws -> [String: Any] {
        let objects = try KubectlReader.read(bytes)
        let spec = try #require(objects.first?["spec"] as? [String: Any])
        return try #require(spec["values"] as? [String: Any])
    }

    func model(_ values: [String: Any]) -> [String: Any]? {
        ((values["inferenceservice"] as? [String: Any])?["predictor"] as? [String: Any])?["model"] as? [String: Any]
    }

    /// What the two aliases of `anchored.yaml` read: the model's env value and the annotation.
    func aliases(_ values: [String: Any]) -> [String?] {
        let env = (model(values)?["env"] as? [[String: Any]])?.first?["value"] as? String
        let isvc = values["inferenceservice"] as? [String: Any]
        return [env, (isvc?["annotations"] as? [String: Any])?["example.com/model-source"] as? String]
    }

    @Test func startAndRollbackBesideAnAnchoredScalarReadByAliases() throws {
        let before = try FixtureFiles.bytes("anchored.yaml")
        let started = try LifecyclePlanner().plan(
            .start(uri: "gs://m/2", canary: 10), source: SourceBuffer(bytes: before))
        let after = try values(started.editedBytes())
        #expect(model(after)?["storageUri"] as? String == "gs://m/1")
        #expect(model(after)?["newStorageUri"] as? String == "gs://m/2")
        #expect(aliases(after) == ["gs://m/1", "gs://m/1"])
        #expect(after["primaryLoad"] as? Int == 90)

        let rolledBack = try LifecyclePlanner().plan(.rollback, source: SourceBuffer(bytes: started.editedBytes()))
        let back = try values(rolledBack.editedBytes())
        #expect(model(back)?["newStorageUri"] == nil)
        #expect(aliases(back) == ["gs://m/1", "gs://m/1"])
    }

    /// The refusal of `operation` on `text`, formatted for `f.yaml`.
    func refusal(_ text: String, _ operation: LifecycleOperation) -> String? {
        do {
            _ = try LifecyclePlanner().plan(operation, source: SourceBuffer(text))
            return nil
        } catch {
            return error.formatted(file: "f.yaml")
        }
    }

    static let start = LifecycleOperation.start(uri: "gs://m/2", canary: 10)

    @Test func promoteReplacingAnAliasedStorageUriIsRefused() throws {
        let running = try FixtureFiles.text("anchored.start.yaml")
        let message = try #require(refusal(running, .promote))
        #expect(
            message.contains("cannot edit storageUri in place: cannot replace a value that an alias also reads (&u at"))
    }

    @Test func addingToAnAliasedModelMappingIsRefused() throws {
        let text = """
            inferenceservice:
              predictor:
                model: &m
                  storageUri: gs://m/1
            copy: *m

            """
        #expect(
            refusal(text, Self.start)
                == """
                f.yaml:3:12: error: cannot edit newStorageUri in place: cannot add an entry to a value that an \
                alias also reads (&m at 3:12); write the value out instead of sharing it
                """)
    }

    @Test func addingInsideAnAliasedAncestorIsRefused() throws {
        let text = """
            inferenceservice: &i
              predictor:
                model:
                  storageUri: gs://m/1
            copy: *i

            """
        let message = try #require(refusal(text, Self.start))
        #expect(message.contains("cannot add an entry to a value that an alias also reads (&i at 1:19)"))
    }

    @Test func anAliasedSiblingMappingDoesNotBlockTheEdit() throws {
        let text = """
            primaryLoad: 100
            inferenceservice:
              predictor:
                model:
                  storageUri: gs://m/1
                  resources: &r {limits: {cpu: 1}}
                transformer: {resources: *r}

            """
        let plan = try LifecyclePlanner().plan(Self.start, source: SourceBuffer(text))
        let edited = String(decoding: plan.editedBytes(), as: UTF8.self)
        #expect(edited.contains("      newStorageUri: gs://m/2\n      resources: &r {limits: {cpu: 1}}\n"))
    }
}
