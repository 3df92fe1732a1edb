import Foundation
import TestSupport
import Testing

/// The released chart packages in a real OCI registry (Debian's `docker-registry` on loopback):
/// `helm push --plain-http`, then `helm template oci://...` renders exactly what the chart
/// directory renders, with Helm 3 and Helm 4; the Flux objects documented in docs/distribution.md
/// for consuming them validate against the upstream CRDs.
@Suite("Charts from an OCI registry")
struct OCIRegistryTests {
    /// What a chart renders from its directory and what it renders from the registry.
    static let cases: [(chart: String, values: String)] = [
        ("kserve-model", "charts/kserve-model/ci/full-values.yaml"),
        ("kserve-general", "charts/kserve-general/ci/canary-values.yaml"),
        ("kserve-general", "examples/sklearn/values.yaml"),
    ]

    @Test(arguments: HelmMajor.allCases)
    func pushAndRenderFromTheRegistry(_ helm: HelmMajor) throws {
        let scratch = try Scratch("oci")
        defer { scratch.close() }
        let registry = try LoopbackServer.ociRegistry(storage: scratch.dir)
        defer { registry.stop() }
        let home = try BareHelmHome(helm)
        defer { home.close() }
        let repository = "oci://\(registry.host)/charts"

        for chart in ["kserve-model", "kserve-general"] {
            let pushed = try home.succeed([
                "push", try ReleaseArtifacts.chartPackage(chart), repository, "--plain-http",
            ])
            let output = pushed.stdoutText + pushed.stderrText
            #expect(
                output.contains("Pushed: \(registry.host)/charts/\(chart):\(try ReleaseArtifacts.chartVersion(chart))"),
                "\(output)")
        }
        // The registry really holds them (its own API, not Helm's cache).
        let tags = try ProcessRunner.run(
            "/usr/bin/env", ["curl", "-fsS", "\(registry.url)/v2/charts/kserve-general/tags/list"])
        #expect(
            tags.stdoutText.contains("\"\(try ReleaseArtifacts.chartVersion("kserve-general"))\""), "\(tags.stdoutText)"
        )

        for (chart, values) in Self.cases {
            let common = ["--namespace", "sample-dev", "-f", Repo.path(values)]
            let fromDirectory = try home.succeed(["template", "sklearn", Repo.path("charts/\(chart)")] + common)
            let fromRegistry = try home.succeed(
                [
                    "template", "sklearn", "\(repository)/\(chart)",
                    "--version", try ReleaseArtifacts.chartVersion(chart), "--plain-http",
                ] + common)
            #expect(!fromRegistry.stdout.isEmpty)
            #expect(fromRegistry.stdout == fromDirectory.stdout, "\(helm.rawValue): \(chart) with \(values)")
        }
        let shown = try home.succeed(["show", "chart", "\(repository)/kserve-general", "--plain-http"])
        #expect(shown.stdoutText.contains("appVersion: \(try ReleaseArtifacts.version())\n"))
    }

    /// docs/distribution.md's Flux objects (an OCI HelmRepository, OCIRepositories, the parent
    /// HelmRelease) and kserve-general rendered with its values for each form: both child
    /// HelmReleases point at the published kserve-model, and everything validates against the
    /// helm-controller and source-controller CRDs.
    @Test func documentedFluxObjectsValidate() throws {
        let doc = try String(contentsOfFile: Repo.path("docs/distribution.md"), encoding: .utf8)
        let blocks = Self.yamlBlocks(doc)
        let objects = blocks.filter { $0.contains("apiVersion:") }.joined(separator: "\n---\n")
        let values = blocks.filter { !$0.contains("apiVersion:") }
        #expect(objects.contains("kind: OCIRepository"))
        #expect(objects.contains("type: oci"))
        #expect(values.count == 2, "expected two values blocks (HelmRepository and OCIRepository forms)")
        let checked = try ManifestValidation.validate(Array(objects.utf8))
        #expect(checked.status == 0, "\(checked.stdoutText)\(checked.stderrText)")

        let scratch = try Scratch("oci-values")
        defer { scratch.close() }
        let helm = try HelmMajor.helm4.path()
        for (index, block) in values.enumerated() {
            let file = try scratch.path("values-\(index).yaml")
            try block.write(toFile: file, atomically: true, encoding: .utf8)
            let rendered = try ProcessRunner.run(
                helm,
                [
                    "template", "sklearn", try ReleaseArtifacts.chartPackage("kserve-general"),
                    "--namespace", "sample-dev", "-f", Repo.path("examples/sklearn/values.yaml"),
                    "-f", file,
                ])
            try #require(rendered.status == 0, "\(rendered.stderrText)")
            let post = try ProcessRunner.run(try ToolPaths.binary(), [], stdin: rendered.stdout)
            try #require(post.status == 0, "\(post.stderrText)")
            let children = try YAMLNormalizer.documents(post.stdout, kind: "HelmRelease")
            #expect(children.count == 2)
            for child in children {
                #expect(
                    child.contains("\"kind\": \"OCIRepository\"") || child.contains("\"kind\": \"HelmRepository\""),
                    "\(child)")
            }
            let valid = try ManifestValidation.validate(post.stdout)
            #expect(valid.status == 0, "\(valid.stdoutText)\(valid.stderrText)")
        }
    }

    /// The ```yaml blocks of a Markdown document.
    static func yamlBlocks(_ markdown: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line.hasPrefix("```yaml") {
                current = []
            } else if current != nil, line.hasPrefix("```") {
                blocks.append(current!.joined(separator: "\n") + "\n")
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }
}
