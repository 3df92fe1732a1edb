import Foundation
import TestSupport
import Testing

/// The seed's own kserve-general templates (examples/seed-kserve-general: no labels, names only),
/// rendered with real Helm 3 and Helm 4 and post-rendered by the binary.
@Suite("Seed chart through the binary")
struct SeedChartTests {
    static let root = ToolPaths.repositoryRoot

    func render(_ helm: HelmMajor, _ extra: [String] = []) throws -> [UInt8] {
        let result = try ProcessRunner.run(
            try helm.path(),
            [
                "template", "sklearn", Self.root + "/examples/seed-kserve-general", "--namespace", "sample-dev",
                "-f", Self.root + "/examples/sklearn/values.yaml",
            ] + extra)
        try #require(result.status == 0, "\(result.stderrText)")
        return result.stdout
    }

    /// The documents of a stream, split on Helm's `---` separators.
    func documents(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n---\n")
    }

    @Test(arguments: HelmMajor.allCases)
    func seedRenderIsPostRendered(_ helm: HelmMajor) throws {
        let input = try render(helm)
        let result = try ProcessRunner.run(try ToolPaths.binary(), [], stdin: input)
        #expect(result.status == 0, "\(result.stderrText)")
        let before = documents(input)
        let after = documents(result.stdout)
        #expect(before.count == after.count)
        for (old, new) in zip(before, after) {
            if old.contains("kind: VirtualService") {
                #expect(new == old, "the seed's VirtualService is valid (60/40) and must pass through byte for byte")
            } else if old.contains("name: sklearn-canary") {
                #expect(new.contains("storageUri: gs://kfserving-examples/models/sklearn/1.0/model-2"))
                #expect(!new.contains("newStorageUri"))
                #expect(new.contains("args: [--model_name=sklearn]"))
                #expect(
                    new.hasPrefix("# Source: kserve-general/templates/hr-canary.yaml")
                        || new.contains("# Source: kserve-general/templates/hr-canary.yaml"))
            } else if old.contains("name: sklearn-primary") {
                #expect(new.contains("storageUri: gs://kfserving-examples/models/sklearn/1.0/model\n"))
                #expect(!new.contains("newStorageUri"))
                #expect(new.contains("args: [--model_name=sklearn]"))
            }
        }
        let again = try ProcessRunner.run(try ToolPaths.binary(), [], stdin: result.stdout)
        #expect(again.stdout == result.stdout, "post-rendering is idempotent")
    }

    @Test(arguments: HelmMajor.allCases)
    func seedWeightsAreCheckedAndRewritten(_ helm: HelmMajor) throws {
        // The seed's template writes `weight: {{ .Values.primaryLoad }}` and `{{ sub 100 ... }}`,
        // so 150 gives 150/-50: refused by name and position, nothing on stdout.
        let bad = try render(helm, ["--set", "primaryLoad=150"])
        let refused = try ProcessRunner.run(try ToolPaths.binary(), [], stdin: bad)
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty)
        #expect(
            refused.stderrText.contains(
                "(VirtualService/sklearn-predictor): weight must be a non-negative integer, found the integer -50"))
        // --primary-load rewrites the seed's 60/40 to 90/10.
        let rewritten = try ProcessRunner.run(
            try ToolPaths.binary(), ["post-render", "--primary-load", "90"], stdin: try render(helm))
        #expect(rewritten.status == 0)
        let vs = try #require(documents(rewritten.stdout).first { $0.contains("kind: VirtualService") })
        #expect(vs.contains("weight: 90\n") && vs.contains("weight: 10"))
    }
}
