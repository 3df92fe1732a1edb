import FluxBuild
import HelmValues
import Testing
import YAMLValues

/// helm-controller's values composition, case by case. Each fixture holds the ConfigMaps and
/// Secrets, one HelmRelease, and an `ExpectedValues` document with `values` or an `error` substring.
@Suite("values composition: valuesFrom, targetPath, optional, then spec.values (as helm-controller)")
struct ValuesCompositionTests {
    @Test("fixture", arguments: try FluxFixtures.fixtures(in: "values"))
    func compose(fixture: String) throws {
        let documents = try FluxFixtures.documents(file: FluxFixtures.fixture(fixture))
        var sources = ValuesSourceStore()
        try sources.add(objects: documents, defaultNamespace: "default")
        let release = try FluxHelmRelease(
            try #require(documents.first(where: FluxHelmRelease.isHelmRelease)), defaultNamespace: "default")
        let expected = try #require(documents.first { $0["kind"]?.string == "ExpectedValues" })

        let composer = FluxValuesComposer(sources: sources)
        if let message = expected["error"]?.string {
            #expect(throws: FluxValuesComposer.Failure.self) {
                _ = try composer.compose(
                    namespace: release.namespace, values: release.values, references: release.valuesFrom)
            }
            do {
                _ = try composer.compose(
                    namespace: release.namespace, values: release.values, references: release.valuesFrom)
            } catch {
                #expect(error.message.contains(message), "\(error.message)")
            }
        } else {
            let values = try composer.compose(
                namespace: release.namespace, values: release.values, references: release.valuesFrom)
            let want = try #require(expected["values"])
            #expect(YAMLValue.map(values) == want, "\(YAMLValueWriter.document(.map(values)))")
        }
    }

    @Test("release name and namespace as helm-controller computes them")
    func releaseNames() throws {
        let base = """
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata: {name: sklearn, namespace: sample-dev}
            spec:
              chart: {spec: {chart: kserve-general, sourceRef: {kind: GitRepository, name: charts-git}}}

            """
        let plain = try FluxHelmRelease(
            try #require(YAMLValueReader.documents(base).first), defaultNamespace: "default")
        #expect(plain.releaseName == "sklearn" && plain.releaseNamespace == "sample-dev")
        let targeted = try FluxHelmRelease(
            try #require(YAMLValueReader.documents(base + "  targetNamespace: models\n").first),
            defaultNamespace: "default")
        #expect(targeted.releaseName == "models-sklearn" && targeted.releaseNamespace == "models")
        let named = try FluxHelmRelease(
            try #require(YAMLValueReader.documents(base + "  releaseName: custom\n  targetNamespace: models\n").first),
            defaultNamespace: "default")
        #expect(named.releaseName == "custom")
        // helm-controller's ShortenName: 40 characters, '-', 12 hex digits of SHA-256.
        let long = String(repeating: "a", count: 60)
        #expect(FluxHelmRelease.shortenName(long) == String(repeating: "a", count: 40) + "-" + "11ee391211c6")
        #expect(FluxHelmRelease.shortenName("short") == "short")
    }
}
