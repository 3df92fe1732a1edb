import Foundation
import TestSupport
import Testing

/// kserve-general values files rendered in the two-stage test.
struct GeneralValuesCase: Sendable, CustomTestStringConvertible {
    var path: String  // relative to the repository
    var hasCanary: Bool
    var exposed: Bool

    var testDescription: String { path }

    static let all: [GeneralValuesCase] = [
        .init(path: "examples/sklearn/values.yaml", hasCanary: true, exposed: true),
        .init(path: "charts/kserve-general/ci/seed-values.yaml", hasCanary: true, exposed: true),
        .init(path: "charts/kserve-general/ci/canary-values.yaml", hasCanary: true, exposed: true),
        .init(path: "charts/kserve-general/ci/chartref-values.yaml", hasCanary: true, exposed: false),
        .init(path: "charts/kserve-general/ci/no-canary-values.yaml", hasCanary: false, exposed: true),
        .init(path: "charts/kserve-general/ci/oci-helmrepository-values.yaml", hasCanary: true, exposed: true),
    ]
}

/// Stage 1: kserve-general through the kserve-canary post-renderer. Stage 2: each child HelmRelease
/// rendered with kserve-model from the values Flux would compose (valuesFrom in order, then
/// spec.values on top). Every object of both stages is validated strictly.
@Suite("two-stage render: kserve-general | kserve-canary, then kserve-model per HelmRelease")
struct TwoStageFluxTests {
    static let sources = Charts.path("Tests/ChartTests/Fixtures/flux-sources.yaml")

    struct Child {
        var name: String
        var namespace: String
        var releaseName: String
        var chart: String
        var valuesFile: String
    }

    /// Stage 2 input: the values of every Flux HelmRelease in `stream`, composed by
    /// `kserve-canary flux values` (helm-controller's rules) from the ConfigMaps in `sources`. The
    /// release name and namespace are helm-controller's: `spec.releaseName`, else
    /// `[<targetNamespace>-]<name>`; `spec.targetNamespace`, else the HelmRelease's namespace.
    static func compose(_ stream: [UInt8], in dir: URL) throws -> [Child] {
        let input = dir.appendingPathComponent("stage1.yaml")
        try Data(stream).write(to: input)
        var children: [Child] = []
        for release in try Charts.objects(stream).all("HelmRelease")
        where (release["apiVersion"] as? String ?? "").hasPrefix("helm.toolkit.fluxcd.io/") {
            guard let name = at(release, "metadata", "name") as? String else {
                throw TestFailure("a nameless HelmRelease")
            }
            let namespace = at(release, "metadata", "namespace") as? String ?? "default"
            let target = at(release, "spec", "targetNamespace") as? String
            let result = try ProcessRunner.run(
                try ToolPaths.binary(),
                [
                    "flux", "values", input.path, "--release", name, "--configmap", sources, "--namespace", namespace,
                ])
            guard result.status == 0 else {
                throw TestFailure("kserve-canary flux values --release \(name) failed: \(result.stderrText)")
            }
            let valuesFile = dir.appendingPathComponent("\(namespace).\(name).values.yaml")
            try Data(result.stdout).write(to: valuesFile)
            let chart = at(release, "spec", "chart", "spec", "chart") ?? at(release, "spec", "chartRef", "name")
            children.append(
                Child(
                    name: name, namespace: target ?? namespace,
                    releaseName: at(release, "spec", "releaseName") as? String ?? target.map { "\($0)-\(name)" }
                        ?? name,
                    chart: chart as? String ?? "", valuesFile: valuesFile.path))
        }
        return children
    }

    @Test(
        "post-rendered parent and every child render are valid and serve the right model",
        arguments: HelmMajor.allCases, GeneralValuesCase.all)
    func twoStage(helm: HelmMajor, values: GeneralValuesCase) throws {
        let dir = try Charts.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }

        // Stage 1.
        let parent = try Charts.render(helm, chart: "kserve-general", values: [Charts.path(values.path)])
        let post = try ProcessRunner.run(try ToolPaths.binary(), [], stdin: parent)
        #expect(post.status == 0, "kserve-canary post-render failed:\n\(post.stderrText)")
        guard post.status == 0 else { return }
        let stage1 = try Charts.validate(post.stdout)
        #expect(stage1.status == 0, "stage 1:\n\(stage1.stdoutText)")
        let parentObjects = try Charts.objects(post.stdout)
        for release in parentObjects.all("HelmRelease") {
            #expect(
                at(release, "spec", "values", "inferenceservice", "predictor", "model", "newStorageUri") == nil,
                "the post-renderer removes newStorageUri")
        }

        // Stage 2.
        let children = try Self.compose(post.stdout, in: dir)
        #expect(
            children.map(\.name).sorted()
                == (values.hasCanary
                    ? [
                        "sklearn-canary",
                        "sklearn-primary",
                    ] : ["sklearn-primary"]))
        let model = try Charts.values(try String(contentsOfFile: Charts.path(values.path), encoding: .utf8))
        let want = at(model, "inferenceservice", "predictor", "model")
        for child in children {
            #expect(["kserve-model", "./charts/kserve-model"].contains(child.chart), "chart \(child.chart)")
            let result = try ProcessRunner.run(
                try helm.path(),
                [
                    "template", child.releaseName, Charts.chartDir("kserve-model"),
                    "--namespace", child.namespace, "-f", child.valuesFile,
                ])
            #expect(result.status == 0, "\(child.name): \(result.stderrText)")
            guard result.status == 0 else { continue }
            let stage2 = try Charts.validate(result.stdout)
            #expect(stage2.status == 0, "stage 2 \(child.name):\n\(stage2.stdoutText)")

            let objects = try Charts.objects(result.stdout)
            let isvc = try objects.one("InferenceService", child.releaseName)
            let served = at(isvc, "spec", "predictor", "model", "storageUri") as? String
            let expected = child.name.hasSuffix("-canary") ? at(want, "newStorageUri") : at(want, "storageUri")
            #expect(served == expected as? String, "\(child.name) serves \(served ?? "nil")")
            let args = (at(isvc, "spec", "predictor", "model", "args") as? [String]) ?? []
            #expect(args.last == "--model_name=sklearn", "\(child.name) args \(args)")
            #expect(args.filter { $0.hasPrefix("--model_name") }.count == 1)
            if values.exposed {
                let vs = try objects.one("VirtualService", "\(child.releaseName)-predictor")
                let suffix =
                    values.path.contains("no-canary")
                    ? "internal.prod-ue1.models.example.com" : "api.sandbox-uw2.sample.io"
                #expect(jsonEqual(at(vs, "spec", "hosts"), ["\(child.releaseName)-predictor-sample-dev.\(suffix)"]))
            }
            if values.path.hasSuffix("seed-values.yaml") || values.path.hasPrefix("examples/") {
                // The seed's replicaCount and autoscaling reach both children.
                let hpa = try objects.one("HorizontalPodAutoscaler", "\(child.releaseName)-predictor-hpa")
                #expect(at(hpa, "spec", "minReplicas") as? Int == 2)
                #expect(at(hpa, "spec", "maxReplicas") as? Int == 4)
            }
            if values.path.hasSuffix("canary-values.yaml") && !values.path.contains("no-canary") {
                // valuesFrom with targetPath from the ConfigMap model-tuning.
                #expect(at(isvc, "spec", "predictor", "model", "runtime") as? String == "kserve-sklearnserver")
                #expect(!objects.all("RequestAuthentication").isEmpty, "jwt values reach the children")
                // canary: overrides reach the canary child only.
                let version = at(isvc, "spec", "predictor", "model", "runtimeVersion") as? String
                #expect(version == (child.name.hasSuffix("-canary") ? "1.16.0" : nil), "\(child.name) runtimeVersion")
                // The group's rate limit: the children send its descriptor and render no ConfigMap of their own.
                #expect(objects.all("ConfigMap").isEmpty, "\(child.name) renders a rate limit ConfigMap")
                let ef = try objects.one("EnvoyFilter", "\(child.releaseName)-predictor-ratelimit-global")
                #expect(
                    at(ef, "spec", "configPatches", 0, "patch", "value", "typed_config", "domain") as? String
                        == "sample-dev.sklearn")
                #expect(
                    at(
                        ef, "spec", "configPatches", 1, "patch", "value", "rate_limits", 0, "actions", 0,
                        "generic_key",
                        "descriptor_value") as? String == "sklearn")
            }
        }
    }

    @Test("without the post-renderer the canary child refuses to render", arguments: HelmMajor.allCases)
    func forgottenPostRenderer(helm: HelmMajor) throws {
        let dir = try Charts.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let parent = try Charts.render(
            helm, chart: "kserve-general",
            values: [Charts.path("examples/sklearn/values.yaml")])
        let children = try Self.compose(parent, in: dir)
        #expect(children.count == 2)
        for child in children {
            let result = try ProcessRunner.run(
                try helm.path(),
                [
                    "template", child.releaseName, Charts.chartDir("kserve-model"),
                    "--namespace", child.namespace, "-f", child.valuesFile,
                ])
            #expect(result.status != 0, "\(child.name) rendered without the post-renderer")
            #expect(result.stderrText.contains("the canary transformation did not run"), "\(result.stderrText)")
        }
    }

    @Test("the seed's own kserve-general, post-rendered, gives children kserve-model accepts")
    func seedChartTwoStage() throws {
        let dir = try Charts.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let parent = try Charts.template(
            .helm3, chart: "seed", values: [Charts.path("examples/sklearn/values.yaml")],
            chartPath: Charts.path("examples/seed-kserve-general"))
        #expect(parent.status == 0, "\(parent.stderrText)")
        let post = try ProcessRunner.run(try ToolPaths.binary(), [], stdin: parent.stdout)
        #expect(post.status == 0, "\(post.stderrText)")
        guard post.status == 0 else { return }
        for child in try Self.compose(post.stdout, in: dir) {
            let result = try ProcessRunner.run(
                try HelmMajor.helm3.path(),
                [
                    "template", child.releaseName, Charts.chartDir("kserve-model"),
                    "--namespace", child.namespace, "-f", child.valuesFile,
                ])
            #expect(result.status == 0, "\(child.name): \(result.stderrText)")
            let stage2 = try Charts.validate(result.stdout)
            #expect(stage2.status == 0, "\(child.name):\n\(stage2.stdoutText)")
        }
    }
}

extension Data {
    var bytes: [UInt8] { [UInt8](self) }
}
