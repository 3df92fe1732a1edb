import CanaryGroups
import CanaryRules
import Testing
import YAMLEditing
import YAMLSource

/// A stream with more groups than `DeepStack.concurrentMap` plans in one run (256): the groups are
/// planned in two runs at once, and the result must be what each group gives on its own, in
/// stream order (edits, summary, problems).
@Suite("Many groups")
struct ManyGroupsTests {
    /// The HelmRelease `<name>-<variant>` of a group, with `more` appended to its model mapping.
    static func release(_ name: String, _ variant: String, more: String = "") -> String {
        """
        ---
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: \(name)-\(variant), namespace: ns, labels: {kserve-canary.io/group: \(name)}}
        spec:
          chart: {spec: {chart: kserve-model}}
          values:
            inferenceservice:
              predictor:
                model:
                  storageUri: gs://b/\(name)/v1

        """ + more
    }

    /// Group `i`: primary, canary and VirtualService; every 37th canary has no newStorageUri (a problem).
    static func group(_ i: Int) -> String {
        let name = "g\(String(i + 1000).dropFirst())"
        let newUri = i % 37 == 5 ? "" : "          newStorageUri: gs://b/\(name)/v2\n"
        return release(name, "primary") + release(name, "canary", more: newUri) + """
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: \(name), namespace: ns}
            spec:
              hosts: [\(name).example.com]
              http:
                - route:
                    - destination: {host: \(name)-primary-predictor}
                      weight: 70
                    - destination: {host: \(name)-canary-predictor}
                      weight: 30

            """
    }

    static func render(_ text: String, primaryLoad: Int? = nil) -> (output: [UInt8], result: PostRenderResult) {
        var options = CanaryOptions()
        options.primaryLoad = primaryLoad
        let source = SourceBuffer(text)
        let result = CanaryPostRenderer(options: options).run(source)
        return (EditApplier.apply(result.edits, to: source), result)
    }

    @Test(arguments: [nil, 55])
    func planningInTwoRunsEqualsEachGroupAlone(_ primaryLoad: Int?) {
        let count = 300
        let whole = Self.render((0..<count).map(Self.group).joined(), primaryLoad: primaryLoad)
        let alone = (0..<count).map { Self.render(Self.group($0), primaryLoad: primaryLoad) }
        #expect(whole.result.summary == alone.flatMap(\.result.summary))
        #expect(
            whole.result.diagnostics.map { "\($0.subject ?? ""): \($0.message)" }
                == alone.flatMap { $0.result.diagnostics.map { "\($0.subject ?? ""): \($0.message)" } })
        #expect(!whole.result.diagnostics.isEmpty, "the broken canaries are reported")
        // Without the broken groups the stream is written: each group's bytes as it alone gives them.
        let valid = (0..<count).filter { $0 % 37 != 5 }
        let fine = Self.render(valid.map(Self.group).joined(), primaryLoad: primaryLoad)
        #expect(fine.result.diagnostics.isEmpty)
        #expect(fine.output == valid.flatMap { Self.render(Self.group($0), primaryLoad: primaryLoad).output })
    }
}
