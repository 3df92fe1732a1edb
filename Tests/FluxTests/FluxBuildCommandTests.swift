import FluxBuild
import Foundation
import HelmValues
import TestSupport
import Testing
import YAMLValues

/// `kserve-canary flux build`: the offline preview of everything Flux applies.
@Suite("flux build: what Flux will apply, offline")
struct FluxBuildCommandTests {
    static let example = "examples/flux/helmrelease.yaml"
    static let configMap = "examples/flux/namespace-envioroment.yaml"

    func build(_ file: String, helm: HelmMajor = .helm3, charts: String = FluxFixtures.charts, _ extra: [String] = [])
        throws -> ProcessResult
    {
        try FluxFixtures.kserveCanary(
            [
                "flux", "build", file, "--charts", charts, "--helm", try helm.path(),
                "--kubectl", try ToolPaths.kubectl(),
            ] + extra)
    }

    /// The InferenceService of `release`: storage URI and args.
    func model(_ objects: [YAMLValue], _ release: String) throws -> (uri: String?, args: [String]) {
        let isvc = try FluxFixtures.one(objects, "InferenceService", release)
        return (
            isvc.value(at: ["spec", "predictor", "model", "storageUri"])?.string,
            isvc.value(at: ["spec", "predictor", "model", "args"])?.list?.compactMap(\.string) ?? []
        )
    }

    @Test("the example: parent, both children and their objects, valid", arguments: HelmMajor.allCases)
    func example(helm: HelmMajor) throws {
        let result = try build(
            Self.example, helm: helm, ["--configmap", Self.configMap, "--crds", try ToolPaths.crds()])
        #expect(result.status == 0, "\(result.stderrText)")
        try #require(result.status == 0)
        #expect(!result.stderrText.contains("error"))
        let objects = try FluxFixtures.documents(result.stdout)

        #expect(
            Set(
                objects.filter { $0["kind"]?.string == "HelmRelease" }.compactMap {
                    $0.value(at: ["metadata", "name"])?.string
                })
                == ["sklearn", "sklearn-primary", "sklearn-canary"])
        let canary = try model(objects, "sklearn-canary")
        let primary = try model(objects, "sklearn-primary")
        #expect(canary.uri == "gs://kfserving-examples/models/sklearn/1.0/model-2")
        #expect(primary.uri == "gs://kfserving-examples/models/sklearn/1.0/model")
        #expect(canary.args == ["--model_name=sklearn"] && primary.args == ["--model_name=sklearn"])
        let split = try FluxFixtures.one(objects, "VirtualService", "sklearn-predictor")
        let weights = split.value(at: ["spec", "http"])?.list?.last?["route"]?.list?.compactMap { $0["weight"] }
        #expect(weights == [.int(60), .int(40)])
        // env and region reached the parent (host) and the children (valuesFrom of both levels).
        #expect(
            split.value(at: ["spec", "hosts"])
                == .list([.string("sklearn-predictor-sample-dev.api.sandbox-uw2.sample.io")]))
        let childHost = try FluxFixtures.one(objects, "VirtualService", "sklearn-canary-predictor").value(at: [
            "spec", "hosts",
        ])
        #expect(childHost == .list([.string("sklearn-canary-predictor-sample-dev.api.sandbox-uw2.sample.io")]))

        // Each object names the release that produced it: helm-controller's labels and a comment.
        let isvc = try FluxFixtures.one(objects, "InferenceService", "sklearn-canary")
        #expect(isvc.value(at: ["metadata", "labels", "helm.toolkit.fluxcd.io/name"]) == .string("sklearn-canary"))
        #expect(isvc.value(at: ["metadata", "labels", "helm.toolkit.fluxcd.io/namespace"]) == .string("sample-dev"))
        #expect(
            result.stdoutText.contains(
                """
                # Rendered by HelmRelease sample-dev/sklearn-canary (chart kserve-model), \
                child of HelmRelease sample-dev/sklearn\n
                """
            ))
        #expect(result.stdoutText.hasPrefix("---\n# From examples/flux/helmrelease.yaml\n"))

        let validation = try FluxFixtures.validate(result.stdout)
        #expect(validation.status == 0, "\(validation.stdoutText)\(validation.stderrText)")
    }

    @Test("valuesFrom a Secret with targetPath, ConfigMaps in the file, a chart path, another namespace")
    func secretCanary() throws {
        let result = try build(
            FluxFixtures.fixture("build/secret-canary.yaml"),
            ["--secret", FluxFixtures.fixture("build/model-storage-secret.yaml")])
        #expect(result.status == 0, "\(result.stderrText)")
        try #require(result.status == 0)
        let objects = try FluxFixtures.documents(result.stdout)
        let canary = try model(objects, "fraud-canary")
        let primary = try model(objects, "fraud-primary")
        #expect(canary.uri == "gs://models/fraud/v2", "the Secret's targetPath wins over spec.values")
        #expect(primary.uri == "gs://models/fraud/v1")
        #expect(canary.args == ["--workers=4", "--model_name=fraud"] && primary.args == canary.args)
        let split = try FluxFixtures.one(objects, "VirtualService", "fraud-predictor")
        #expect(split.value(at: ["spec", "hosts"]) == .list([.string("fraud-predictor-risk.api.prod-ue1.sample.io")]))
        let validation = try FluxFixtures.validate(result.stdout)
        #expect(validation.status == 0, "\(validation.stdoutText)\(validation.stderrText)")
    }

    @Test("--with-post-renderer previews the rendered-manifests mode (the seed HelmRelease, no postRenderers)")
    func withPostRenderer() throws {
        let result = try build(
            "examples/sklearn/helmrelease.yaml", helm: .helm4, ["--configmap", Self.configMap, "--with-post-renderer"])
        #expect(result.status == 0, "\(result.stderrText)")
        try #require(result.status == 0)
        let objects = try FluxFixtures.documents(result.stdout)
        #expect(try model(objects, "sklearn-canary").uri == "gs://kfserving-examples/models/sklearn/1.0/model-2")
        #expect(try model(objects, "sklearn-primary").args == ["--model_name=sklearn"])
    }

    @Test("a rendered-manifests file (CI's helm template | kserve-canary) builds its child releases")
    func renderedManifests() throws {
        let dir = try FluxFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rendered = try ProcessRunner.run(
            try HelmMajor.helm3.path(),
            [
                "template", "sklearn", FluxFixtures.charts + "/kserve-general", "--namespace", "sample-dev",
                "-f", FluxFixtures.path("examples/sklearn/values.yaml"),
            ])
        try #require(rendered.status == 0, "\(rendered.stderrText)")
        let post = try FluxFixtures.kserveCanary([], stdin: rendered.stdout)
        try #require(post.status == 0, "\(post.stderrText)")
        try Data(post.stdout).write(to: URL(fileURLWithPath: dir + "/sklearn.yaml"))

        let result = try build(dir + "/sklearn.yaml", ["--configmap", Self.configMap])
        #expect(result.status == 0, "\(result.stderrText)")
        let objects = try FluxFixtures.documents(result.stdout)
        #expect(try model(objects, "sklearn-canary").uri == "gs://kfserving-examples/models/sklearn/1.0/model-2")
        // The same file without the post-renderer: the canary rules fail before anything is built.
        try Data(rendered.stdout).write(to: URL(fileURLWithPath: dir + "/raw.yaml"))
        let raw = try build(dir + "/raw.yaml", ["--configmap", Self.configMap])
        #expect(raw.status == 1 && raw.stdout.isEmpty)
        #expect(
            raw.stderrText.hasPrefix("kserve-canary: error: \(dir)/raw.yaml: check the canary rules: "),
            "\(raw.stderrText)")
    }

    /// A copy of the example with `edit` applied, in `dir`.
    func exampleVariant(in dir: String, _ name: String, _ edit: (YAMLValue) -> YAMLValue) throws -> String {
        let objects = try FluxFixtures.documents(file: FluxFixtures.path(Self.example))
        let path = dir + "/" + name + ".yaml"
        try YAMLValueWriter.stream(objects.map { (nil, edit($0)) }).write(
            toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("failures name the release and the step and print nothing on stdout")
    func failures() throws {
        let dir = try FluxFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let prefix = "kserve-canary: error: HelmRelease sample-dev/sklearn: "
        let model = ["spec", "values", "inferenceservice", "predictor", "model"]
        let cases: [(arguments: [String], stderr: String)] = [
            // The namespace ConfigMap was not given.
            (
                [Self.example, "--charts", FluxFixtures.charts],
                prefix
                    + """
                    compose values: could not resolve ConfigMap chart values reference \
                    'sample-dev/namespace-envioroment' with key 'env.yaml': resource not found
                    """
            ),
            // The seed's HelmRelease has no postRenderers: Flux would hand the children newStorageUri.
            (
                ["examples/sklearn/helmrelease.yaml", "--charts", FluxFixtures.charts, "--configmap", Self.configMap],
                prefix + "check the canary rules: HelmRelease/sklearn-"
            ),
            (
                [Self.example, "--charts", "examples", "--configmap", Self.configMap],
                prefix + "locate chart kserve-general: no Chart.yaml in examples/kserve-general"
            ),
            (
                [
                    try exampleVariant(in: dir, "load") {
                        $0.setting(["spec", "values", "primaryLoad"], to: .int(300))
                    }, "--charts", FluxFixtures.charts, "--configmap", Self.configMap,
                ],
                prefix + "render chart kserve-general (helm template): "
            ),
            (
                [
                    Self.example, "--charts", FluxFixtures.charts, "--configmap", Self.configMap, "--kubectl",
                    "/nonexistent/kubectl",
                ],
                prefix + "post-render (spec.postRenderers[0], Kustomize): cannot run /nonexistent/kubectl"
            ),
            // A --model_name in the user's args survives the patches: the preview says so.
            (
                [
                    try exampleVariant(in: dir, "model-name") {
                        $0.setting(model + ["args"], to: .list([.string("--model_name=other")]))
                    }, "--charts", FluxFixtures.charts, "--configmap", Self.configMap,
                ],
                prefix
                    + """
                    check the canary rules: HelmRelease/sklearn-canary: the canary rules are not applied; \
                    kserve-canary would still change: args: [\"--model_name=other\", \
                    \"--model_name=sklearn\"] -> [\"--model_name=sklearn\"]
                    """
            ),
            // A chart path that leaves --charts.
            (
                [
                    try exampleVariant(in: dir, "escape") {
                        $0.setting(["spec", "chart", "spec", "chart"], to: .string("../../../etc"))
                    }, "--charts", FluxFixtures.charts, "--configmap", Self.configMap,
                ],
                prefix + "locate chart ../../../etc: the chart path leaves --charts"
            ),
        ]
        for (arguments, stderr) in cases {
            var arguments = arguments
            if !arguments.contains("--kubectl") { arguments += ["--kubectl", try ToolPaths.kubectl()] }
            let result = try FluxFixtures.kserveCanary(
                ["flux", "build", "--helm", try HelmMajor.helm3.path()] + arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stdout.isEmpty, "\(arguments)")
            #expect(result.stderrText.hasPrefix(stderr), "\(arguments):\n\(result.stderrText)")
        }
    }

    @Test("--crds rejects what the CRDs reject: the seed's own templates render HelmReleases without spec.interval")
    func crdValidation() throws {
        let dir = try FluxFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(
            atPath: dir + "/kserve-general", withDestinationPath: FluxFixtures.path("examples/seed-kserve-general"))
        try FileManager.default.createSymbolicLink(
            atPath: dir + "/kserve-model", withDestinationPath: FluxFixtures.charts + "/kserve-model")
        let seed = "examples/sklearn/helmrelease.yaml"
        let without = try build(seed, charts: dir, ["--configmap", Self.configMap, "--with-post-renderer"])
        #expect(without.status == 0, "\(without.stderrText)")
        #expect(without.stderrText.contains("note: custom resources were not checked against CRD schemas"))
        let with = try build(
            seed, charts: dir, ["--configmap", Self.configMap, "--with-post-renderer", "--crds", try ToolPaths.crds()])
        #expect(with.status == 1 && with.stdout.isEmpty)
        #expect(with.stderrText.contains(": validate: "), "\(with.stderrText)")
        #expect(
            with.stderrText.contains(
                """
                HelmRelease sample-dev/sklearn-canary (rendered by HelmRelease sample-dev/sklearn): .spec: \
                interval is required
                """
            ), "\(with.stderrText)")
    }
}
