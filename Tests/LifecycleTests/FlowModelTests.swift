import CanaryLifecycle
import Testing
import YAMLSource
import YAMLStream

/// Lifecycle edits of a model mapping written in flow style (`model: {...}`): values are replaced
/// in place, and the mapping is written again when an entry comes or goes.
@Suite("Lifecycle on flow-style models")
struct FlowModelTests {
    func refusal(_ text: String, _ operation: LifecycleOperation) -> String? {
        RefusalTests().refusal(text, operation)
    }

    @Test func flowModels() {
        // Flow-style model: values are replaced in place, and the `{...}` mapping is written again
        // when an entry goes (flow-model.*.yaml golden files show the output).
        let flow =
            "primaryLoad: 50\ninferenceservice: {predictor: {model: {storageUri: gs://m/1, newStorageUri: gs://m/2}}}\n"
        #expect(refusal(flow, .rollback) == nil)
        #expect(refusal(flow, .promote) == nil)
        #expect(refusal(flow, .setWeight(canary: 20)) == nil)
        // ... unless an alias reads the mapping it would write again.
        let sharedFlow =
            "primaryLoad: 50\ninferenceservice: {predictor: {model: &m {storageUri: gs://m/1, newStorageUri: gs://m/2}}}\n"
            + "backup: *m\n"
        #expect(refusal(sharedFlow, .rollback)?.hasPrefix("f.yaml:2:") == true)
        // A comment right after `,` is a comment to libyaml too: the rewrite would drop it.
        let commented =
            "primaryLoad: 100\ninferenceservice: {predictor: {model: {storageUri: gs://m/1,#keep\n  args: []}}}\n"
        #expect(
            refusal(commented, .start(uri: "gs://m/2", canary: 10))?.contains("would drop the comment at 2:") == true)
        // `! <<` is a merge key for go-yaml (the non-specific tag is implicit): refused like `<<`.
        let bangMerge =
            "primaryLoad: 50\ninferenceservice: {predictor: {model: {storageUri: gs://m/1, newStorageUri: gs://m/2, "
            + "! <<: {storageUri: gs://m/0}}}}\n"
        #expect(refusal(bangMerge, .promote)?.contains("comes in through a << merge key") == true)
        // An anchored empty value stays null when the mapping is written again (`&rt null`).
        let anchoredEmpty =
            "primaryLoad: 100\ninferenceservice: {predictor: {model: {storageUri: gs://m/1, runtime: &rt }}}\n"
        #expect(refusal(anchoredEmpty, .start(uri: "gs://m/2", canary: 10)) == nil)
    }
}
