import FluxBuild
import Foundation
import HelmValues
import SchemaValidation
import TestSupport
import Testing
import YAMLValues

/// `kserve-canary flux postrenderers`: output, validity against the Flux CRD, and the example
/// that embeds it.
@Suite("flux postrenderers: the canary rules as Flux Kustomize patches")
struct PostRenderersCommandTests {
    @Test(
        "prints the golden postRenderers",
        arguments: [
            (["--release", "sklearn", "--namespace", "sample-dev"], "postrenderers/sklearn-sample-dev.yaml"),
            (["--release", "fraud.v2"], "postrenderers/fraud.v2-any-namespace.yaml"),
        ])
    func golden(arguments: [String], fixture: String) throws {
        let result = try FluxFixtures.kserveCanary(["flux", "postrenderers"] + arguments)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stderrText.isEmpty)
        #expect(result.stdoutText == (try FluxFixtures.text(FluxFixtures.fixture(fixture))))
    }

    @Test("the patches are JSON 6902 operation lists that read no values")
    func patchShape() throws {
        let generator = CanaryPatchGenerator(release: "sklearn", namespace: "sample-dev")
        #expect(generator.postRenderer.patches.count == 2)
        for patch in generator.postRenderer.patches {
            let ops = try #require(try YAMLValueReader.documents(patch.patch).first?.list)
            for op in ops {
                #expect(["move", "copy", "add", "remove", "test", "replace"].contains(op["op"]?.string ?? ""))
                let path = try #require(op["path"]?.string)
                #expect(path.hasPrefix("/spec/values/inferenceservice/predictor/model/"))
                // Values the patches write are constants (never copied from the chart's values).
                if let value = op["value"] { #expect(value == .string("") || value == .string("--model_name=sklearn")) }
            }
            #expect(patch.target?.kind == "HelmRelease" && patch.target?.group == "helm.toolkit.fluxcd.io")
            #expect(patch.target?.namespace == "sample-dev")
        }
        #expect(generator.postRenderer.patches.map { $0.target?.name } == ["sklearn-canary", "sklearn-primary"])
    }

    @Test("examples/flux/helmrelease.yaml carries exactly the generated postRenderers")
    func exampleIsCurrent() throws {
        let objects = try FluxFixtures.documents(file: FluxFixtures.path("examples/flux/helmrelease.yaml"))
        let release = try FluxFixtures.one(objects, "HelmRelease", "sklearn")
        let generated = CanaryPatchGenerator(release: "sklearn", namespace: "sample-dev").postRenderersValue
        #expect(
            release.value(at: ["spec", "postRenderers"]) == generated["postRenderers"],
            "regenerate with: kserve-canary flux postrenderers --release sklearn --namespace sample-dev")
    }

    @Test(
        "a HelmRelease with the generated postRenderers validates against the Flux CRD",
        arguments: [
            ("sklearn", "sample-dev" as String?), ("fraud-detector", nil),
        ])
    func validatesAgainstCRD(release: String, namespace: String?) throws {
        // The seed's parent HelmRelease with the block pasted under spec.
        let seed = try FluxFixtures.one(
            try FluxFixtures.documents(file: FluxFixtures.path("examples/sklearn/helmrelease.yaml")), "HelmRelease",
            "sklearn")
        let block = CanaryPatchGenerator(release: release, namespace: namespace).postRenderersValue
        let patched = seed.setting(["spec", "postRenderers"], to: block["postRenderers"])
        let stream = Array(("---\n" + YAMLValueWriter.document(patched)).utf8)

        let validation = try FluxFixtures.validate(stream)
        #expect(validation.status == 0, "\(validation.stdoutText)\(validation.stderrText)")

        let crds = try CRDSchemaStore.load(directory: try ToolPaths.crds() + "/flux")
        let schema = try #require(crds.schema(apiVersion: "helm.toolkit.fluxcd.io/v2", kind: "HelmRelease"))
        #expect(OpenAPISchemaValidator().problems(patched, schema: schema).isEmpty)
        // The strict validator does reject a misspelled field.
        let broken = patched.setting(
            ["spec", "postRenderers"], to: .list([.map(YAMLMap([("kustomise", .map(YAMLMap()))]))]))
        #expect(
            OpenAPISchemaValidator().problems(broken, schema: schema) == [
                ".spec.postRenderers[0].kustomise: unknown field"
            ])
    }

    @Test(
        "bad names fail with a message and no output",
        arguments: [
            ["--release", "Bad_Name"], ["--release", "sklearn", "--namespace", "a.b"], ["--release", ""], [],
        ])
    func badArguments(arguments: [String]) throws {
        let result = try FluxFixtures.kserveCanary(["flux", "postrenderers"] + arguments)
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(!result.stderrText.isEmpty)
    }
}
