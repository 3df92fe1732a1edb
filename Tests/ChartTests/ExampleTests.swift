import Foundation
import TestSupport
import Testing

/// examples/oci: the Flux sources and parent HelmReleases for charts published to an OCI registry.
@Suite("examples/oci")
struct ExampleTests {
    static let dir = "examples/oci"

    @Test("the sources and both parent HelmReleases are valid Flux objects")
    func valid() throws {
        for file in ["sources.yaml", "helmrelease-helmrepository.yaml", "helmrelease-ocirepository.yaml"] {
            let stream = Array(try String(contentsOfFile: Charts.path("\(Self.dir)/\(file)"), encoding: .utf8).utf8)
            let result = try Charts.validate(stream)
            #expect(result.status == 0, "\(file): \(result.stdoutText)")
        }
        let sources = try Charts.objects(
            Array(
                try String(
                    contentsOfFile: Charts.path("\(Self.dir)/sources.yaml"),
                    encoding: .utf8
                ).utf8))
        #expect(at(try sources.one("HelmRepository", "kserve-charts"), "spec", "type") as? String == "oci")
        #expect(
            at(
                try sources.one("OCIRepository", "kserve-model"), "spec", "layerSelector",
                "operation") as? String == "copy")
    }

    /// Each parent's spec.values (as the API server reads them) render children that reference the
    /// sources of sources.yaml.
    @Test(
        "each parent's values render children pointing at the OCI sources",
        arguments: HelmMajor.allCases, ["helmrelease-helmrepository.yaml", "helmrelease-ocirepository.yaml"])
    func children(helm: HelmMajor, file: String) throws {
        let tmp = try Charts.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let parent = try Charts.objects(
            Array(
                try String(
                    contentsOfFile: Charts.path("\(Self.dir)/\(file)"),
                    encoding: .utf8
                ).utf8)
        ).one("HelmRelease", "sklearn")
        let values = tmp.appendingPathComponent("values.json")
        try JSONSerialization.data(
            withJSONObject: at(parent, "spec", "values") ?? [:],
            options: [.withoutEscapingSlashes]
        )
        .write(to: values)
        let m = try Charts.renderObjects(
            helm, chart: "kserve-general", values: [values.path],
            set: ["env=sandbox", "region=uw2"])
        #expect(m.names("HelmRelease") == ["sklearn-canary", "sklearn-primary"])
        let sources = try Charts.objects(
            Array(
                try String(
                    contentsOfFile: Charts.path("\(Self.dir)/sources.yaml"),
                    encoding: .utf8
                ).utf8))
        for release in m.all("HelmRelease") {
            if let chartRef = at(release, "spec", "chartRef") {
                let name = at(chartRef, "name") as? String ?? ""
                #expect(at(chartRef, "kind") as? String == "OCIRepository")
                #expect(sources.names("OCIRepository").contains(name), "\(name)")
            } else {
                #expect(at(release, "spec", "chart", "spec", "sourceRef", "kind") as? String == "HelmRepository")
                #expect(
                    sources.names("HelmRepository").contains(
                        at(release, "spec", "chart", "spec", "sourceRef", "name") as? String ?? ""))
                #expect(at(release, "spec", "chart", "spec", "version") as? String == "0.5.x")
            }
        }
    }
}
