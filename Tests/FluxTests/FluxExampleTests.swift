import FluxBuild
import Foundation
import HelmValues
import TestSupport
import Testing
import YAMLValues

/// The examples under examples/flux stay in step with the chart and the tool.
@Suite("examples/flux")
struct FluxExampleTests {
    @Test("rendered/sample-dev/sklearn.yaml is what render.sh produces now")
    func renderedIsCurrent() throws {
        let rendered = try ProcessRunner.run(
            try HelmMajor.helm3.path(),
            [
                "template", "sklearn", FluxFixtures.path("charts/kserve-general"), "--namespace", "sample-dev",
                "-f", FluxFixtures.path("examples/sklearn/values.yaml"),
            ])
        try #require(rendered.status == 0, "\(rendered.stderrText)")
        let post = try FluxFixtures.kserveCanary([], stdin: rendered.stdout)
        try #require(post.status == 0, "\(post.stderrText)")
        let committed = try FluxFixtures.documents(
            file: FluxFixtures.path("examples/flux/rendered/sample-dev/sklearn.yaml"))
        #expect(
            FluxFixtures.keyed(committed) == FluxFixtures.keyed(try FluxFixtures.documents(post.stdout)),
            "regenerate with examples/flux/rendered/render.sh")
    }

    @Test("the in-cluster and the rendered mode give Flux the same child releases")
    func modesAgree() throws {
        let dir = try FluxFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let common = [
            "--charts", FluxFixtures.charts, "--configmap",
            FluxFixtures.path("examples/flux/namespace-envioroment.yaml"),
            "--helm", try HelmMajor.helm3.path(), "--kubectl", try ToolPaths.kubectl(),
        ]
        let inCluster = try FluxFixtures.kserveCanary(
            ["flux", "build", FluxFixtures.path("examples/flux/helmrelease.yaml")] + common)
        let rendered = try FluxFixtures.kserveCanary(
            ["flux", "build", FluxFixtures.path("examples/flux/rendered/sample-dev/sklearn.yaml")] + common)
        try #require(inCluster.status == 0, "\(inCluster.stderrText)")
        try #require(rendered.status == 0, "\(rendered.stderrText)")
        // Compare what the child releases render (kserve-model objects), without Flux's origin labels
        // of the parent level, which only the in-cluster mode has.
        func children(_ stream: [UInt8]) throws -> [String: YAMLValue] {
            let objects = try FluxFixtures.documents(stream).filter {
                let owner = $0.value(at: ["metadata", "labels", "helm.toolkit.fluxcd.io/name"])?.string
                return owner == "sklearn-primary" || owner == "sklearn-canary"
            }
            return FluxFixtures.keyed(objects)
        }
        let a = try children(inCluster.stdout)
        let b = try children(rendered.stdout)
        #expect(!a.isEmpty && Set(a.keys) == Set(b.keys))
        for key in a.keys.sorted() { #expect(a[key] == b[key], "\(key)") }
    }
}
