import CanaryLifecycle
import Testing
import YAMLSource
import YAMLStream

@Suite("Lifecycle refusals")
struct RefusalTests {
    /// The refusal of `operation` on `text`, formatted for file `f.yaml`.
    func refusal(_ text: String, _ operation: LifecycleOperation, _ selector: ValuesSelector = ValuesSelector())
        -> String?
    {
        do {
            _ = try LifecyclePlanner(selector: selector).plan(operation, source: SourceBuffer(text))
            return nil
        } catch {
            return error.formatted(file: "f.yaml")
        }
    }

    func fixture(_ name: String) -> String { (try? FixtureFiles.text(name)) ?? "" }

    static let idle = """
        primaryLoad: 100
        inferenceservice:
          predictor:
            model:
              storageUri: gs://m/1

        """

    @Test func startWhileRunning() {
        #expect(
            refusal(fixture("seed.yaml"), .start(uri: "gs://m/3", canary: 10))
                == """
                f.yaml:30:26: error: a canary is already running (newStorageUri: \
                gs://kfserving-examples/models/sklearn/1.0/model-2, 40% of the traffic); promote it, \
                roll it back or change its weight with set-weight
                """
        )
    }

    @Test func startWithThePrimaryURI() {
        #expect(
            refusal(Self.idle, .start(uri: "gs://m/1", canary: 10))
                == "f.yaml:5:19: error: gs://m/1 is already the primary's storageUri; a canary needs a different model")
    }

    @Test func startWithBadArguments() {
        #expect(refusal(Self.idle, .start(uri: "", canary: 10)) == "f.yaml: error: the new storage URI is empty")
        #expect(
            refusal(Self.idle, .start(uri: "gs://m/2", canary: 101))
                == "f.yaml: error: the canary weight must be an integer from 0 to 100, got 101")
        #expect(
            refusal(Self.idle, .setWeight(canary: -1))
                == "f.yaml: error: the canary weight must be an integer from 0 to 100, got -1")
    }

    @Test func startWithoutAModelMapping() {
        #expect(
            refusal("primaryLoad: 100\nreplicaCount: 2\n", .start(uri: "gs://m/2", canary: 10))
                == """
                f.yaml:1:1: error: the values have no inferenceservice.predictor.model mapping to add \
                newStorageUri to; add the model (with its storageUri) first
                """
        )
    }

    @Test(arguments: [
        (LifecycleOperation.setWeight(canary: 10), "give it traffic"),
        (.step(.standard), "step"),
        (.promote, "promote"),
        (.rollback, "roll back"),
    ])
    func nothingRunning(_ operation: LifecycleOperation, _ verb: String) {
        #expect(
            refusal(Self.idle, operation)
                == """
                f.yaml:5:7: error: no canary is running (no newStorageUri); nothing to \(verb). \
                Start one with `kserve-canary start FILE --uri URI`
                """
        )
    }

    @Test func emptyNewStorageUriIsNotRunning() {
        #expect(
            refusal(Self.idle + "      newStorageUri: \"\"\n", .promote)
                == """
                f.yaml:6:22: error: no canary is running (newStorageUri is empty); nothing to promote. \
                Start one with `kserve-canary start FILE --uri URI`
                """
        )
        #expect(
            refusal(Self.idle + "      newStorageUri:\n", .rollback)
                == """
                f.yaml:6:7: error: no canary is running (newStorageUri is empty); nothing to roll back. \
                Start one with `kserve-canary start FILE --uri URI`
                """
        )
    }

    @Test(arguments: ["abc", "150", "-5", "\"{{ .Values.load }}\"", "60.5", "[60]"])
    func invalidPrimaryLoad(_ value: String) {
        let text = Self.idle.replacingOccurrences(of: "primaryLoad: 100", with: "primaryLoad: \(value)")
        let error = refusal(text, .start(uri: "gs://m/2", canary: 10))
        #expect(
            error?.hasPrefix("f.yaml:1:14: error: primaryLoad must be an integer from 0 to 100, found ") == true,
            "\(error ?? "nil")")
    }

    @Test func syntaxError() {
        #expect(
            refusal("a: 1\n---\nprimaryLoad: [\n", .rollback)?.hasPrefix(
                "f.yaml:4:1: error: document 2: YAML syntax error: ") == true)
    }

    @Test func emptyFile() {
        #expect(
            refusal("", .rollback)
                == """
                f.yaml: error: the file holds no YAML document; expected a Flux HelmRelease of kserve-general \
                or a values file
                """
        )
        #expect(
            refusal("# only a comment\n---\n", .rollback)
                == """
                f.yaml: error: the file holds no YAML document; expected a Flux HelmRelease of kserve-general \
                or a values file
                """
        )
    }

    @Test func otherKubernetesObject() {
        #expect(
            refusal("apiVersion: v1\nkind: ConfigMap\ndata: {}\n", .rollback)
                == """
                f.yaml:1:1: error: the document is a ConfigMap, not a Flux HelmRelease or a values file; \
                use --path to name the values mapping
                """
        )
        #expect(
            refusal("- a\n- b\n", .rollback)
                == """
                f.yaml:1:1: error: the document is not a mapping; expected a Flux HelmRelease of \
                kserve-general or a values file
                """
        )
    }

    @Test func severalDocumentsWithoutHelmRelease() {
        #expect(
            refusal(Self.idle + "---\n" + Self.idle, .rollback)
                == "f.yaml: error: 2 documents and no Flux HelmRelease; use --path to say where the values are")
    }

    static func release(_ name: String, chart: String, values: String = "    primaryLoad: 100\n") -> String {
        """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: \(name)
        spec:
          chart:
            spec:
              chart: \(chart)
          values:

        """
            + values
    }

    @Test func ambiguousHelmReleases() {
        let two = Self.release("a", chart: "kserve-general") + "---\n" + Self.release("b", chart: "kserve-general")
        #expect(
            refusal(two, .rollback)
                == "f.yaml: error: 2 HelmReleases use chart kserve-general (a, b); choose one with --release")
        let others = Self.release("a", chart: "redis") + "---\n" + Self.release("b", chart: "kafka")
        #expect(
            refusal(others, .rollback)
                == "f.yaml: error: 2 HelmReleases and none uses chart kserve-general (a, b); choose one with --release")
        #expect(
            refusal(two, .rollback, ValuesSelector(release: "c"))
                == "f.yaml: error: no Flux HelmRelease named c in the file (found: a, b)")
        #expect(refusal(two, .setWeight(canary: 0), ValuesSelector(release: "b")) == nil)
        let twins = Self.release("a", chart: "kserve-general") + "---\n" + Self.release("a", chart: "redis")
        #expect(
            refusal(twins, .rollback, ValuesSelector(release: "a"))
                == """
                f.yaml:11:1: error: several HelmReleases are named a (documents 1, 2); \
                use --path with a single-release file
                """
        )
    }

    @Test func helmReleaseWithoutValues() {
        let text =
            "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: a\nspec:\n  interval: 1m\n"
        #expect(
            refusal(text, .rollback)
                == """
                f.yaml:6:3: error: HelmRelease a has no spec.values; add them (at least \
                inferenceservice.predictor.model.storageUri) first
                """
        )
        #expect(
            refusal(text + "  values: [1]\n", .rollback)
                == "f.yaml:7:11: error: spec.values of HelmRelease a is not a mapping")
    }

    @Test func pathOption() throws {
        #expect(
            refusal(Self.idle, .rollback, ValuesSelector(path: ["x", "y"]))
                == "f.yaml:1:1: error: no mapping at --path x.y")
        #expect(
            refusal(Self.idle + "---\n" + Self.idle, .setWeight(canary: 0), ValuesSelector(path: []))
                == """
                f.yaml: error: 2 documents have a mapping at --path . (documents 1, 2); \
                choose the HelmRelease with --release
                """
        )
        #expect(throws: LifecycleError.self) { try ValuesSelector.parsePath("spec..values") }
        #expect(throws: LifecycleError.self) { try ValuesSelector.parsePath("") }
        #expect(try ValuesSelector.parsePath(".") == [])
        #expect(try ValuesSelector.parsePath("spec.values") == ["spec", "values"])
    }

    @Test func duplicateKeys() {
        #expect(
            refusal(Self.idle + "primaryLoad: 50\n", .start(uri: "gs://m/2", canary: 10))
                == """
                f.yaml:6:1: error: duplicate key `primaryLoad` (first at line 1); \
                kubectl and Helm keep the last one silently, so remove one by hand first
                """
        )
    }

    @Test func shapesThatCannotBeEditedInPlace() {
        // An anchored storageUri that an alias uses elsewhere.
        let anchored = """
            primaryLoad: 50
            inferenceservice:
              predictor:
                model:
                  storageUri: &uri gs://m/1
                  newStorageUri: gs://m/2
            backup: *uri

            """
        #expect(
            refusal(anchored, .promote)
                == """
                f.yaml:5:19: error: cannot edit storageUri in place: cannot replace a value that an alias also \
                reads (&uri at 5:19); write the value out instead of sharing it
                """
        )
        // A block scalar is replaced whole, keeping the line that follows it.
        let block = Self.idle.replacingOccurrences(
            of: "storageUri: gs://m/1", with: "storageUri: >-\n        gs://m/1\n      newStorageUri: gs://m/2")
        #expect(refusal(block, .promote) == nil)
        // A storage URI that is not a string.
        #expect(
            refusal(
                Self.idle.replacingOccurrences(of: "gs://m/1", with: "{bucket: m}"), .start(uri: "gs://m/2", canary: 10)
            ) == "f.yaml:5:19: error: storageUri must be a string, found a mapping")
        #expect(
            refusal("inferenceservice:\n  predictor: [model]\n", .start(uri: "gs://m/2", canary: 10))
                == "f.yaml:2:14: error: inferenceservice.predictor is not a mapping")
    }

    @Test func invalidSchedules() throws {
        #expect(throws: LifecycleError.self) { try StepSchedule(parsing: "") }
        #expect(throws: LifecycleError.self) { try StepSchedule(parsing: "10,,50") }
        #expect(throws: LifecycleError.self) { try StepSchedule(parsing: "10,5") }
        #expect(throws: LifecycleError.self) { try StepSchedule(parsing: "10,10") }
        #expect(throws: LifecycleError.self) { try StepSchedule(parsing: "0,50") }
        #expect(throws: LifecycleError.self) { try StepSchedule(parsing: "50,101") }
        #expect(throws: LifecycleError.self) { try StepSchedule(parsing: "ten") }
        #expect(try StepSchedule(parsing: " 5, 50 ,100").percentages == [5, 50, 100])
    }
}
