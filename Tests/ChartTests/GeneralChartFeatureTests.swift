import Foundation
import TestSupport
import Testing

/// kserve-general's additions: primaryLoad null, canary-only overrides, Flux knobs, OCI sources,
/// in-mesh routing and the group's global rate limit.
@Suite("kserve-general features")
struct GeneralChartFeatureTests {
    static let chart = "kserve-general"
    static let seedValues = Charts.path("examples/sklearn/values.yaml")

    static func weights(_ m: Manifest) throws -> [Int] {
        let vs = try m.one("VirtualService", "sklearn-predictor")
        let http = at(vs, "spec", "http") as? [[String: Any]]
        let route = http?.last.flatMap { at($0, "route") as? [[String: Any]] } ?? []
        return route.map { at($0, "weight") as? Int ?? -1 }
    }

    /// Helm removes null values (and with them the default) before templates run; `int nil` is 0.
    /// `kserve-canary status` reads an absent or null primaryLoad as 100, and so must the chart.
    @Test("primaryLoad null, ~ or absent means 100 % primary, not 100 % canary", arguments: HelmMajor.allCases)
    func primaryLoadNull(helm: HelmMajor) throws {
        #expect(
            try Self.weights(
                try Charts.renderObjects(
                    helm, chart: Self.chart, values: [Self.seedValues],
                    set: ["primaryLoad=null"])) == [100, 0])
        for name in ["absent", "null-empty", "null-tilde", "null-word"] {
            let file = Charts.path("Tests/ChartTests/Fixtures/primary-load/\(name).yaml")
            let m = try Charts.renderObjects(
                helm, chart: Self.chart, values: [file],
                set: ["env=sandbox", "region=uw2"])
            #expect(try Self.weights(m) == [100, 0], "\(name)")
        }
    }

    /// helm-controller merges values the way Helm does (maps merge, everything else replaces); the chart
    /// merges `canary:` over the shared values the same way (kserve-general.merge), for the canary only.
    @Test("canary: merged over the shared values for the canary release only", arguments: HelmMajor.allCases)
    func canaryOverrides(helm: HelmMajor) throws {
        let m = try Charts.renderObjects(helm, chart: Self.chart, values: ["ci/canary-values.yaml"])
        let primary = try m.one("HelmRelease", "sklearn-primary")
        let canary = try m.one("HelmRelease", "sklearn-canary")
        let path: [Any] = ["spec", "values", "inferenceservice", "predictor", "model"]
        #expect(at(canary, path: path + ["runtimeVersion"]) as? String == "1.16.0")
        #expect(at(primary, path: path + ["runtimeVersion"]) == nil)
        #expect(at(canary, path: path + ["resources", "limits", "memory"]) as? String == "2Gi")
        #expect(at(canary, "spec", "values", "autoscaling", "maxReplicaCount") as? Int == 2)
        #expect(at(primary, "spec", "values", "autoscaling", "maxReplicaCount") as? Int == 4)
        // Deep merge: the canary keeps the shared keys next to its overrides.
        #expect(at(canary, "spec", "values", "autoscaling", "memory", "enabled") as? Bool == true)
        #expect(jsonEqual(at(canary, path: path + ["args"]), ["--workers=2"]))
        #expect(
            at(
                canary,
                path: path + ["newStorageUri"]) as? String == "gs://kfserving-examples/models/sklearn/1.0/model-2")
        #expect(at(canary, "spec", "values", "canary") == nil && at(primary, "spec", "values", "canary") == nil)
        // Nothing else differs.
        var a = at(primary, "spec") as? [String: Any] ?? [:]
        var b = at(canary, "spec") as? [String: Any] ?? [:]
        a["values"] = nil
        b["values"] = nil
        #expect(jsonEqual(a, b))
    }

    @Test(
        "canary: what a canary may not override is refused, and its values are checked",
        arguments: HelmMajor.allCases)
    func canaryRefusals(helm: HelmMajor) throws {
        for set in [
            "canary.inferenceservice.predictor.model.storageUri=gs://x/y", "canary.fullnameOverride=other",
            "canary.env=prod", "canary.exposeModel.enabled=false", "canary.rateLimit.global.enabled=true",
            "canary.replicaCont=3",
        ] {
            let result = try Charts.template(helm, chart: Self.chart, values: [Self.seedValues], set: [set])
            #expect(result.status != 0, "\(set) accepted")
            #expect(result.stderrText.contains("canary"), "\(set): \(result.stderrText)")
        }
        let rule = try Charts.template(
            helm, chart: Self.chart, values: [Self.seedValues],
            set: ["canary.jwt.enabled=true"])
        #expect(
            Charts.validationMessages(rule.stderrText)
                == [
                    "sklearn-canary: jwt.enabled needs jwt.issuer and jwt.jwksUri"
                        + " (the token issuer and its JSON Web Key Set URL)"
                ],
            "\(rule.stderrText)")
    }

    @Test("Flux knobs reach both child HelmReleases", arguments: HelmMajor.allCases)
    func fluxKnobs(helm: HelmMajor) throws {
        let m = try Charts.renderObjects(helm, chart: Self.chart, values: ["ci/canary-values.yaml"])
        for name in ["sklearn-primary", "sklearn-canary"] {
            let spec = at(try m.one("HelmRelease", name), "spec")
            #expect(at(spec, "serviceAccountName") as? String == "model-deployer")
            #expect(jsonEqual(at(spec, "dependsOn"), [["name": "kserve", "namespace": "kserve"]]))
            #expect(at(spec, "driftDetection", "mode") as? String == "enabled")
            #expect(jsonEqual(at(spec, "driftDetection", "ignore", 0, "paths"), ["/spec/replicas"]))
            #expect(at(spec, "suspend") == nil, "suspend: false is not rendered")
            #expect(at(spec, "timeout") as? String == "10m")
            #expect(at(spec, "install", "remediation", "remediateLastFailure") as? Bool == true)
            #expect(at(spec, "upgrade", "cleanupOnFail") as? Bool == true)
            #expect(at(spec, "upgrade", "remediation", "strategy") as? String == "uninstall")
            #expect(at(spec, "upgrade", "remediation", "remediateLastFailure") as? Bool == true)
        }
        let suspended = try Charts.renderObjects(
            helm, chart: Self.chart, values: [Self.seedValues],
            set: ["flux.suspend=true"])
        #expect(at(try suspended.one("HelmRelease", "sklearn-canary"), "spec", "suspend") as? Bool == true)
    }

    @Test(
        "kserve-model from an OCI registry: HelmRepository type oci, or OCIRepository chartRef",
        arguments: HelmMajor.allCases)
    func ociSources(helm: HelmMajor) throws {
        let helmRepository = try Charts.renderObjects(
            helm, chart: Self.chart,
            values: ["ci/oci-helmrepository-values.yaml"])
        for release in helmRepository.all("HelmRelease") {
            #expect(at(release, "spec", "chart", "spec", "chart") as? String == "kserve-model")
            #expect(at(release, "spec", "chart", "spec", "version") as? String == "0.5.x")
            #expect(
                jsonEqual(
                    at(release, "spec", "chart", "spec", "sourceRef"),
                    ["kind": "HelmRepository", "name": "kserve-charts", "namespace": "flux-system"]))
            #expect(at(release, "spec", "chartRef") == nil)
        }
        let ociRepository = try Charts.renderObjects(helm, chart: Self.chart, values: ["ci/chartref-values.yaml"])
        for release in ociRepository.all("HelmRelease") {
            #expect(
                jsonEqual(
                    at(release, "spec", "chartRef"),
                    ["kind": "OCIRepository", "name": "kserve-model", "namespace": "flux-system"]))
            #expect(at(release, "spec", "chart") == nil)
        }
    }

    /// Istio resolves a VirtualService bound to the `mesh` gateway for the hosts in its registry; a
    /// selector-less Service gives the group's in-cluster name a cluster IP the caller's sidecar matches.
    @Test(
        "routing.mesh: the customer VirtualService also binds mesh on the in-cluster host, with its Service",
        arguments: HelmMajor.allCases)
    func mesh(helm: HelmMajor) throws {
        let m = try Charts.renderObjects(helm, chart: Self.chart, values: ["ci/canary-values.yaml"])
        let vs = try m.one("VirtualService", "sklearn-predictor")
        #expect(jsonEqual(at(vs, "spec", "gateways"), ["istio-system/sample-gateway", "mesh"]))
        #expect(
            jsonEqual(
                at(vs, "spec", "hosts"),
                [
                    "sklearn-predictor-sample-dev.api.sandbox-uw2.sample.io",
                    "sklearn-predictor.sample-dev.svc.cluster.local",
                ]))
        let service = try m.one("Service", "sklearn-predictor")
        #expect(at(service, "spec", "selector") == nil)
        #expect(at(service, "spec", "ports", 0, "port") as? Int == 80)
        #expect(at(service, "spec", "ports", 0, "appProtocol") as? String == "http")
        // Mesh only: no gateway, only the in-cluster host.
        let only = try Charts.renderObjects(
            helm, chart: Self.chart, values: ["ci/chartref-values.yaml"],
            set: ["routing.mesh.enabled=true"])
        let meshOnly = try only.one("VirtualService", "sklearn-predictor")
        #expect(jsonEqual(at(meshOnly, "spec", "gateways"), ["mesh"]))
        #expect(jsonEqual(at(meshOnly, "spec", "hosts"), ["sklearn-predictor.sample-dev.svc.cluster.local"]))
        #expect(try Self.weights(only) == [100, 0])
        let none = try Charts.renderObjects(helm, chart: Self.chart, values: [Self.seedValues])
        #expect(none.all("Service").isEmpty)
    }

    /// envoyproxy/ratelimit refuses a domain that two config files declare (config_impl.go loadConfig):
    /// the group renders one ConfigMap, the children none, and both children's sidecars send the
    /// group's descriptor in the group's domain, so one counter covers primary and canary.
    @Test(
        "global rate limit: one ConfigMap for the group, both children count in its domain",
        arguments: HelmMajor.allCases)
    func groupRateLimit(helm: HelmMajor) throws {
        let m = try Charts.renderObjects(helm, chart: Self.chart, values: ["ci/canary-values.yaml"])
        let configMap = try m.one("ConfigMap", "sklearn-ratelimit")
        let data = at(configMap, "data") as? [String: String] ?? [:]
        let config = try RateLimitConfig.check(data["sample-dev.sklearn.yaml"] ?? "")
        #expect(config.domain == "sample-dev.sklearn")
        #expect(config.descriptorPaths == [["model=sklearn", "header_match=inference"]])
        #expect(config.limits == ["600/minute"])
        for name in ["sklearn-primary", "sklearn-canary"] {
            let global = at(try m.one("HelmRelease", name), "spec", "values", "rateLimit", "global")
            #expect(at(global, "domain") as? String == "sample-dev.sklearn")
            #expect(at(global, "descriptorValue") as? String == "sklearn")
            #expect(at(global, "configMap", "create") as? Bool == false)
        }
    }

    @Test("NOTES show weights, hosts and the canary's overrides")
    func notes() throws {
        let result = try ProcessRunner.run(
            try HelmMajor.helm4.path(),
            [
                "install", "sklearn", Charts.chartDir(Self.chart), "--dry-run=client", "--namespace", "sample-dev",
                "-f", Charts.chartDir(Self.chart) + "/ci/canary-values.yaml",
            ])
        #expect(result.status == 0, "\(result.stderrText)")
        let text = result.stdoutText
        #expect(text.contains("canary   sklearn-canary   weight 40%"))
        #expect(text.contains("Canary overrides: autoscaling, inferenceservice"), "\(text)")
        let inMesh = "In-mesh: http://sklearn-predictor.sample-dev.svc.cluster.local/v1/models/sklearn:predict"
        #expect(text.contains(inMesh), "\(text)")
        #expect(text.contains("Rate limit: 600 requests per minute for the whole group"), "\(text)")
    }
}
