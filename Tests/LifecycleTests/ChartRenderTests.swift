import CanaryLifecycle
import Foundation
import TestSupport
import Testing
import YAMLSource
import YAMLStream

/// The edited files still render with charts/kserve-general (Helm 3, through the kserve-canary
/// post-renderer): the values are cut out of the file as they are (spec.values of the HelmRelease,
/// dedented, or the whole values file) and passed with `-f`.
@Suite("Edited files render with kserve-general")
struct ChartRenderTests {
    static let chart = ToolPaths.repositoryRoot + "/charts/kserve-general"

    /// The seed and every golden file (values-file.yaml itself is left out: its quoted
    /// `primaryLoad: "75"` is what kserve-general's schema rejects and the commands repair).
    static let files: [String] = [
        "seed.yaml", "seed.step.yaml", "seed.set-weight-25.yaml", "seed.promote.yaml", "seed.rollback.yaml",
        "seed.promote.start.yaml", "idle.start.yaml", "values-file.step.yaml",
        "values-file.promote.yaml", "values-file-idle.start.yaml", "multi-document.start.yaml",
    ]

    /// The values mapping's source text, dedented so that it stands alone as a values file.
    static func valuesText(_ values: CanaryValues) -> String {
        let doc = values.location.document
        let node = doc[values.location.mapping]
        if values.location.path.isEmpty { return doc.source.text(0..<doc.source.count) }
        let source = doc.source
        let start = source.lineStart(node.start)
        let indent = node.start - start
        var out = ""
        var lines = source.text(start..<node.end).split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        for line in lines {
            let blanks = line.prefix { $0 == " " }.count
            out += String(line.dropFirst(min(blanks, indent))) + "\n"
        }
        return out
    }

    @Test(arguments: files)
    func rendersWithTheChart(_ name: String) throws {
        let values = try LifecyclePlanner().read(SourceBuffer(bytes: try FixtureFiles.bytes(name)))
        let dir = try TemporaryDirectory()
        let file = try dir.write("values.yaml", Array(Self.valuesText(values).utf8))
        let helm = try ToolPaths.helm3()
        let result = try ProcessRunner.run(
            helm,
            [
                "template", "sklearn", Self.chart, "--namespace", "sample-dev", "-f", file,
                // Flux takes env and region from the namespace ConfigMap (valuesFrom).
                "--set", "env=sandbox", "--set", "region=uw2",
                "--post-renderer", try ToolPaths.binary(),
            ])
        #expect(result.status == 0, "\(name): \(result.stderrText)")
        let out = result.stdoutText
        let state = values.state
        #expect(out.contains("name: sklearn-primary\n"))
        #expect(out.contains("name: sklearn-canary\n") == state.isRunning, "\(name)")
        #expect(out.contains("weight: \(state.primaryWeight)\n"), "\(name): no primary weight \(state.primaryWeight)")
        if state.isRunning {
            #expect(out.contains("weight: \(state.canaryWeight)\n"), "\(name): no canary weight \(state.canaryWeight)")
            #expect(out.contains(state.newStorageUri!))
        }
        if let uri = state.storageUri { #expect(out.contains(uri)) }
    }

    /// The dedent cuts out exactly spec.values.
    @Test func valuesTextOfTheSeed() throws {
        let values = try LifecyclePlanner().read(SourceBuffer(bytes: try FixtureFiles.bytes("seed.yaml")))
        let text = Self.valuesText(values)
        #expect(text.hasPrefix("primaryLoad: 60   ### Important\ninferenceservice:\n  predictor:\n"))
        #expect(text.hasSuffix("autoscaling:\n  maxReplicaCount: 4\n"))
        let reread = try LifecyclePlanner().read(SourceBuffer(text)).state
        #expect(reread == values.state)
    }
}
