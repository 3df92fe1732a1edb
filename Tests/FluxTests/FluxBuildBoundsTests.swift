import FluxBuild
import Foundation
import HelmValues
import TestSupport
import Testing
import YAMLSource
import YAMLStream

/// Issue 10 §5: `flux build` reads charts only from inside `--charts`, at every level of the
/// tree, and renders a bounded number of releases (Fixtures/build/charts: `fan-out` renders
/// `children` HelmReleases of `childChart`, `leaf` one ConfigMap).
@Suite("flux build: chart containment and the render cap")
struct FluxBuildBoundsTests {
    static let charts = FluxFixtures.fixture("build/charts")
    static let input = FluxFixtures.fixture("build/fan-out.yaml")

    /// The fan-out HelmRelease with `chart:` replaced and `values` added.
    func variant(in dir: String, chart: String = "fan-out", values: String = "") throws -> String {
        var text = try String(contentsOfFile: Self.input, encoding: .utf8)
            .replacingOccurrences(of: "chart: fan-out", with: "chart: \"\(chart)\"")
        if !values.isEmpty { text += "  values:\n    " + values + "\n" }
        let path = dir + "/hr.yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(
        "a chart path that climbs out of --charts is refused, in the file and in a rendered child",
        arguments: [
            ("../../..", ""), ("../../../etc", ""), ("/etc", ""), ("charts/../../x", ""), ("leaf/..", ""),
            ("fan-out", "childChart: ../../.."),
        ])
    func chartPathsStayInside(_ chart: String, _ values: String) throws {
        let dir = try FluxFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try FluxFixtures.kserveCanary([
            "flux", "build", try variant(in: dir, chart: chart, values: values), "--charts", Self.charts,
            "--helm", try HelmMajor.helm3.path(),
        ])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let release = values.isEmpty ? "wide" : "wide-0"
        let path = values.isEmpty ? chart : "../../.."
        #expect(
            result.stderrText
                == "kserve-canary: error: HelmRelease fan/\(release): locate chart \(path): the chart path leaves "
                + "--charts \(Self.charts) (absolute, or `..`); charts are read only from inside that directory\n"
        )
    }

    /// A `helm` that counts its runs in `count` before running the real one.
    static func countingHelm(in dir: String) throws -> (helm: String, count: String) {
        let count = dir + "/renders"
        let script = dir + "/helm"
        try ExecutableFile.create(
            script, text: "#!/bin/sh\necho render >> '\(count)'\nexec '\(try HelmMajor.helm3.path())' \"$@\"\n")
        return (script, count)
    }

    func build(maxRenders: Int, helm: String) async throws(FluxBuildError) -> FluxBuildResult {
        var builder = FluxBuilder(
            chartsDirectory: Self.charts, helm: HelmTemplateRunner(helm: helm), kustomize: nil,
            sources: ValuesSourceStore(), validator: nil)
        builder.maxRenders = maxRenders
        let source = try? SourceBuffer.read(path: Self.input)
        return try await builder.build(source ?? SourceBuffer(""), label: "fan-out.yaml", defaultNamespace: "default")
    }

    @Test("past the cap: a clear error naming the release, after exactly the cap's renders")
    func renderCap() async throws {
        let dir = try FluxFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (helm, count) = try Self.countingHelm(in: dir)
        // The parent and its eight children are nine renders: a cap of nine builds the tree.
        let result = try await build(maxRenders: 9, helm: helm)
        #expect(result.releases.count == 9)
        #expect(try String(contentsOfFile: count, encoding: .utf8).split(separator: "\n").count == 9)
        try FileManager.default.removeItem(atPath: count)
        // A cap of five: the parent and four children are rendered, the fifth child is refused.
        do {
            _ = try await build(maxRenders: 5, helm: helm)
            Issue.record("a tree of nine releases was built with a cap of five")
        } catch {
            #expect(error.release == "HelmRelease fan/wide-4")
            #expect(error.step == "build")
            #expect(error.message.hasPrefix("more than 5 HelmReleases to render; a chart fans out without end"))
        }
        #expect(try String(contentsOfFile: count, encoding: .utf8).split(separator: "\n").count == 5)
        #expect(
            FluxBuilder(
                chartsDirectory: "", helm: HelmTemplateRunner(helm: helm), kustomize: nil,
                sources: ValuesSourceStore()
            ).maxRenders == 200)
    }
}
