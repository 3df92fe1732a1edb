import FluxBuild
import Foundation
import HelmValues
import TestSupport
import Testing
import YAMLValues

/// `helm template kserve-general` + the `flux postrenderers` patches through real Kustomize
/// (`kubectl kustomize`, the engine Flux embeds) gives the same objects as
/// `helm template kserve-general | kserve-canary`, for a matrix of values, for our chart and for
/// the seed's templates.
@Suite("parity: Flux postRenderers through Kustomize == the kserve-canary post-renderer")
struct KustomizeParityTests {
    /// What the patches need from kserve-general: `add …/args/-` needs a list and the `add` +
    /// `remove` of `newStorageUri` needs the model mapping, in both releases, whatever the values.
    @Test(
        "kserve-general always renders inferenceservice.predictor.model.args as a list",
        arguments: [
            "charts/kserve-general/ci/seed-values.yaml", "charts/kserve-general/ci/no-canary-values.yaml",
            "charts/kserve-general/ci/chartref-values.yaml", "examples/sklearn/values.yaml",
        ])
    func chartRendersArgs(values: String) throws {
        let rendered = try ProcessRunner.run(
            try HelmMajor.helm3.path(),
            [
                "template", FluxFixtures.release, FluxFixtures.charts + "/kserve-general",
                "--namespace", FluxFixtures.namespace, "-f", FluxFixtures.path(values),
            ])
        try #require(rendered.status == 0, "\(rendered.stderrText)")
        let releases = try FluxFixtures.documents(rendered.stdout).filter { $0["kind"]?.string == "HelmRelease" }
        #expect(!releases.isEmpty)
        for release in releases {
            let args = release.value(at: CanaryPatchGenerator.modelPath + ["args"])
            #expect(
                args?.list != nil,
                """
                \(FluxFixtures.identity(release)): args is \(args?.kindDescription ?? "missing"); \
                the Flux patches need a list
                """
            )
        }
    }

    @Test("same objects", arguments: HelmMajor.allCases, ParityCase.all)
    func parity(helm: HelmMajor, row: ParityCase) async throws {
        let dir = try FluxFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let valuesFile = dir + "/values.yaml"
        try row.values.write(toFile: valuesFile, atomically: true, encoding: .utf8)

        let rendered = try ProcessRunner.run(
            try helm.path(),
            [
                "template", FluxFixtures.release,
                row.chart == .general ? FluxFixtures.charts + "/kserve-general" : FluxFixtures.path(row.chart.rawValue),
                "--namespace", FluxFixtures.namespace, "-f", valuesFile,
            ])
        try #require(rendered.status == 0, "helm template failed: \(rendered.stderrText)")

        let post = try FluxFixtures.kserveCanary([], stdin: rendered.stdout)
        let generator = CanaryPatchGenerator(release: FluxFixtures.release, namespace: FluxFixtures.namespace)
        let kustomize = KustomizeRunner(executable: try ToolPaths.kubectl())
        let patched: Result<[UInt8], FluxBuildError>
        do throws(FluxBuildError) {
            patched = .success(
                try await kustomize.run(
                    rendered.stdout, with: generator.postRenderer, release: "test", step: "kustomize"))
        } catch {
            patched = .failure(error)
        }

        switch row.expectation {
        case .bothFail:
            #expect(post.status != 0, "the post-renderer accepted it")
            if case .success = patched { Issue.record("Kustomize accepted it") }
            return
        case .kustomizeFails(let message):
            #expect(post.status == 0, "\(post.stderrText)")
            guard case .failure(let error) = patched else {
                Issue.record("Kustomize succeeded")
                return
            }
            #expect(error.message.contains(message), "\(error.message)")
            return
        case .parity, .modelNameKept:
            break
        }
        try #require(post.status == 0, "kserve-canary failed: \(post.stderrText)")
        let kustomized: [UInt8]
        switch patched {
        case .success(let bytes): kustomized = bytes
        case .failure(let error):
            Issue.record("Kustomize failed: \(error.message)")
            return
        }

        var want = FluxFixtures.keyed(try FluxFixtures.documents(post.stdout))
        var got = FluxFixtures.keyed(try FluxFixtures.documents(kustomized))
        #expect(Set(want.keys) == Set(got.keys))
        let releases = ["primary"] + (row.canary ? ["canary"] : [])
        #expect(
            Set(want.keys).isSuperset(
                of: releases.map { "HelmRelease \(FluxFixtures.namespace)/\(FluxFixtures.release)-\($0)" }))

        if case .modelNameKept = row.expectation {
            for variant in releases {
                let key = "HelmRelease \(FluxFixtures.namespace)/\(FluxFixtures.release)-\(variant)"
                let path = CanaryPatchGenerator.modelPath + ["args"]
                let postArgs = want[key]?.value(at: path)?.list?.compactMap(\.string) ?? []
                let kustomizeArgs = got[key]?.value(at: path)?.list?.compactMap(\.string) ?? []
                // The post-renderer drops the user's --model_name; the patch appends after it.
                #expect(
                    postArgs == (row.args ?? []).filter { !$0.hasPrefix("--model_name") } + ["--model_name=sklearn"])
                #expect(kustomizeArgs == (row.args ?? []) + ["--model_name=sklearn"])
                // Either way the last --model_name (the one argparse keeps) is ours.
                #expect(kustomizeArgs.last(where: { $0.hasPrefix("--model_name") }) == "--model_name=sklearn")
                want[key] = want[key]?.setting(path, to: nil)
                got[key] = got[key]?.setting(path, to: nil)
            }
        }
        for key in want.keys.sorted() {
            guard let mine = got[key], let theirs = want[key] else { continue }
            #expect(
                mine == theirs,
                """
                \(key) differs.
                kserve-canary:
                \(YAMLValueWriter.document(theirs))
                Kustomize:
                \(YAMLValueWriter.document(mine))
                """
            )
        }
    }
}
