import Foundation
import TestSupport
import Testing

@Suite("kserve-general rendering")
struct GeneralChartRenderTests {
    static let chart = "kserve-general"
    static let seedValues = Charts.path("examples/sklearn/values.yaml")
    static let customerHost = "sklearn-predictor-sample-dev.api.sandbox-uw2.sample.io"

    /// The customer VirtualService's weighted route (the last http route).
    static func weightedRoute(_ vs: [String: Any]) -> [[String: Any]] {
        let http = (at(vs, "spec", "http") as? [[String: Any]]) ?? []
        return (http.last.flatMap { at($0, "route") as? [[String: Any]] }) ?? []
    }

    /// KServe's predictor Services listen on port 80 (service_reconciler.go createDefaultSvc) and Istio
    /// resolves a dotless destination host in the VirtualService's namespace (ResolveShortnameToFQDN).
    @Test(
        "the seed's values render: two HelmReleases and a 60/40 customer VirtualService",
        arguments: HelmMajor.allCases)
    func seedValues(helm: HelmMajor) throws {
        let m = try Charts.objects(try Charts.render(helm, chart: Self.chart, values: [Self.seedValues]))
        #expect(m.names("HelmRelease") == ["sklearn-canary", "sklearn-primary"])
        #expect(m.objects.count == 3)
        let primary = try m.one("HelmRelease", "sklearn-primary")
        let canary = try m.one("HelmRelease", "sklearn-canary")
        for (release, variant) in [(primary, "primary"), (canary, "canary")] {
            #expect(release["apiVersion"] as? String == "helm.toolkit.fluxcd.io/v2")
            #expect(at(release, "metadata", "namespace") as? String == "sample-dev")
            #expect(at(release, "metadata", "labels", "kserve-canary.io/group") as? String == "sklearn")
            #expect(at(release, "metadata", "labels", "kserve-canary.io/variant") as? String == variant)
            #expect(at(release, "metadata", "labels", "app.kubernetes.io/instance") as? String == "sklearn")
            #expect(at(release, "metadata", "labels", "helm.sh/chart") as? String == "kserve-general-0.5.0")
            #expect(at(release, "spec", "chart", "spec", "chart") as? String == "kserve-model")
            #expect(at(release, "spec", "chart", "spec", "sourceRef", "kind") as? String == "GitRepository")
            #expect(at(release, "spec", "chart", "spec", "sourceRef", "name") as? String == "charts-git")
            #expect(at(release, "spec", "chart", "spec", "sourceRef", "namespace") as? String == "flux-system")
            #expect(at(release, "spec", "valuesFrom", 0, "name") as? String == "namespace-envioroment")
            #expect(at(release, "spec", "valuesFrom", 0, "valuesKey") as? String == "env.yaml")
            // All model values reach both children, including the seed's replicaCount and autoscaling.
            #expect(at(release, "spec", "values", "replicaCount") as? Int == 2)
            #expect(at(release, "spec", "values", "autoscaling", "maxReplicaCount") as? Int == 4)
            #expect(at(release, "spec", "values", "exposeModel", "enabled") as? Bool == true)
            #expect(
                at(release, "spec", "values", "inferenceservice", "predictor", "model", "newStorageUri") as? String
                    == "gs://kfserving-examples/models/sklearn/1.0/model-2")
            // kserve-general's own keys stay home.
            for key in ["primaryLoad", "flux", "routing", "nameOverride", "fullnameOverride"] {
                #expect(at(release, "spec", "values", key) == nil, "\(key) must not be forwarded")
            }
        }
        // Identical except the name and the variant label.
        #expect(jsonEqual(at(primary, "spec"), at(canary, "spec")))

        let vs = try m.one("VirtualService", "sklearn-predictor")
        #expect(vs["apiVersion"] as? String == "networking.istio.io/v1")
        #expect(at(vs, "metadata", "labels", "kserve-canary.io/group") as? String == "sklearn")
        #expect(jsonEqual(at(vs, "spec", "hosts"), [Self.customerHost]))
        #expect(jsonEqual(at(vs, "spec", "gateways"), ["istio-system/sample-gateway"]))
        let route = Self.weightedRoute(vs)
        #expect(
            route.map { at($0, "destination", "host") as? String } == [
                "sklearn-primary-predictor",
                "sklearn-canary-predictor",
            ])
        #expect(route.map { at($0, "destination", "port", "number") as? Int } == [80, 80])
        #expect(route.map { at($0, "weight") as? Int } == [60, 40])
    }

    @Test("primaryLoad sets the weights, 0 and 100 included", arguments: HelmMajor.allCases, [0, 1, 50, 99, 100])
    func weights(helm: HelmMajor, load: Int) throws {
        let m = try Charts.objects(
            try Charts.render(
                helm, chart: Self.chart, values: [Self.seedValues],
                set: ["primaryLoad=\(load)"]))
        let weights = Self.weightedRoute(try m.one("VirtualService", "sklearn-predictor")).map {
            at(
                $0,
                "weight") as? Int
        }
        #expect(weights == [load, 100 - load])
    }

    @Test(
        "primaryLoad out of range or not an integer is refused, naming primaryLoad",
        arguments: HelmMajor.allCases, ["101", "-1", "abc"])
    func primaryLoadRefused(helm: HelmMajor, value: String) throws {
        let set = value == "abc" ? [] : ["primaryLoad=\(value)"]
        let setString = value == "abc" ? ["primaryLoad=abc"] : []
        let result = try Charts.template(
            helm, chart: Self.chart, values: [Self.seedValues], set: set,
            setString: setString)
        #expect(result.status != 0)
        #expect(result.stderrText.contains("primaryLoad"), "\(result.stderrText)")
        #expect(result.stdout.isEmpty)
    }

    @Test("an unknown top-level key is refused", arguments: HelmMajor.allCases)
    func unknownTopLevelKey(helm: HelmMajor) throws {
        let result = try Charts.template(helm, chart: Self.chart, set: Charts.withStorageUri + ["primaryLoda=60"])
        #expect(result.status != 0)
        #expect(result.stderrText.contains("primaryLoda"), "\(result.stderrText)")
        // Model values are checked against kserve-model's schema already here.
        let nested = try Charts.template(
            helm, chart: Self.chart,
            set: Charts.withStorageUri
                + ["inferenceservice.predictor.model.storageURI=gs://x"])
        #expect(nested.status != 0)
        #expect(nested.stderrText.contains("storageURI"), "\(nested.stderrText)")
    }

    @Test("without newStorageUri only the primary renders and gets 100 %", arguments: HelmMajor.allCases)
    func noCanary(helm: HelmMajor) throws {
        let m = try Charts.objects(try Charts.render(helm, chart: Self.chart, values: ["ci/no-canary-values.yaml"]))
        #expect(m.names("HelmRelease") == ["sklearn-primary"])
        let vs = try m.one("VirtualService", "sklearn-predictor")
        let http = (at(vs, "spec", "http") as? [[String: Any]]) ?? []
        #expect(http.count == 1, "no header routes without a canary")
        #expect(at(http.first, "mirror") == nil, "no mirror without a canary")
        let route = Self.weightedRoute(vs)
        #expect(route.count == 1)
        #expect(at(route.first, "destination", "host") as? String == "sklearn-primary-predictor")
        #expect(at(route.first, "weight") as? Int == 100)
        #expect(
            jsonEqual(
                at(vs, "spec", "hosts"),
                ["sklearn-predictor-sample-dev.internal.prod-ue1.models.example.com"]))
        // An empty newStorageUri is not forwarded.
        let primary = try m.one("HelmRelease", "sklearn-primary")
        #expect(at(primary, "spec", "values", "inferenceservice", "predictor", "model", "newStorageUri") == nil)
    }

    @Test(
        "defaults plus a storage URI: only the primary, no VirtualService, the model path for the post-renderer",
        arguments: HelmMajor.allCases)
    func defaults(helm: HelmMajor) throws {
        let m = try Charts.renderObjects(helm, chart: Self.chart, set: Charts.withStorageUri)
        #expect(m.names("HelmRelease") == ["sklearn-primary"])
        #expect(m.all("VirtualService").isEmpty)
        let primary = try m.one("HelmRelease", "sklearn-primary")
        #expect(at(primary, "spec", "values", "inferenceservice", "predictor", "model") is [String: Any])
        #expect(jsonEqual(at(primary, "spec", "values", "inferenceservice", "predictor", "model", "args"), [] as [Any]))
        #expect(at(primary, "spec", "values", "env") == nil, "an empty env must not shadow valuesFrom")
        #expect(at(primary, "spec", "interval") as? String == "5m")
        #expect(at(primary, "spec", "install", "remediation", "retries") as? Int == 1)
        #expect(at(primary, "spec", "upgrade", "remediation", "retries") as? Int == 1)
        for key in ["serviceAccountName", "suspend", "dependsOn", "driftDetection", "timeout"] {
            #expect(at(primary, "spec", key) == nil, "\(key) only when set")
        }
    }

    @Test("header route ahead of the weighted route, and mirroring to the canary", arguments: HelmMajor.allCases)
    func headerRouteAndMirror(helm: HelmMajor) throws {
        let m = try Charts.objects(try Charts.render(helm, chart: Self.chart, values: ["ci/canary-values.yaml"]))
        let vs = try m.one("VirtualService", "sklearn-predictor")
        let http = (at(vs, "spec", "http") as? [[String: Any]]) ?? []
        #expect(http.count == 3)
        for (index, variant) in ["canary", "primary"].enumerated() {
            let route = http.count > index ? http[index] : [:]
            #expect(at(route, "name") as? String == "sklearn-\(variant)-forced")
            #expect(at(route, "match", 0, "headers", "x-kserve-variant", "exact") as? String == variant)
            #expect(at(route, "route", 0, "destination", "host") as? String == "sklearn-\(variant)-predictor")
            #expect(at(route, "route", 0, "weight") as? Int == 100)
        }
        let weighted = http.last ?? [:]
        #expect(at(weighted, "name") as? String == "sklearn-predictor")
        #expect(Self.weightedRoute(vs).map { at($0, "weight") as? Int } == [60, 40])
        #expect(at(weighted, "mirror", "host") as? String == "sklearn-canary-predictor")
        #expect(at(weighted, "mirror", "port", "number") as? Int == 80)
        #expect((at(weighted, "mirrorPercentage", "value") as? NSNumber)?.doubleValue == 25)
        #expect(at(weighted, "timeout") as? String == "30s")

        // Flux settings from values.
        let canary = try m.one("HelmRelease", "sklearn-canary")
        #expect(at(canary, "spec", "interval") as? String == "1m")
        #expect(at(canary, "spec", "timeout") as? String == "10m")
        #expect(at(canary, "spec", "chart", "spec", "chart") as? String == "./charts/kserve-model")
        #expect(at(canary, "spec", "chart", "spec", "reconcileStrategy") as? String == "Revision")
        #expect(at(canary, "spec", "install", "remediation", "retries") as? Int == 3)
        #expect(at(canary, "spec", "upgrade", "remediation", "retries") as? Int == 2)
        #expect(
            at(
                canary, "spec", "valuesFrom", 1,
                "targetPath") as? String == "inferenceservice.predictor.model.runtime")
        #expect(at(canary, "metadata", "labels", "team") as? String == "ml-platform")
        #expect(at(canary, "spec", "values", "commonLabels", "team") as? String == "ml-platform")
        #expect(at(canary, "spec", "values", "jwt", "enabled") as? Bool == true)
    }

    @Test("chartRef replaces chart; no exposure means no VirtualService", arguments: HelmMajor.allCases)
    func chartRef(helm: HelmMajor) throws {
        let m = try Charts.objects(try Charts.render(helm, chart: Self.chart, values: ["ci/chartref-values.yaml"]))
        #expect(m.all("VirtualService").isEmpty)
        for release in m.all("HelmRelease") {
            #expect(at(release, "spec", "chart") == nil)
            #expect(at(release, "spec", "chartRef", "kind") as? String == "OCIRepository")
            #expect(at(release, "spec", "chartRef", "name") as? String == "kserve-model")
        }
    }

    /// KServe labels the primary's pods `app: isvc.<group>-primary-predictor` (at most 63 characters):
    /// a group name has at most 40 (48 for an InferenceService, minus "-primary").
    @Test("names that do not fit fail clearly", arguments: HelmMajor.allCases)
    func namesTooLong(helm: HelmMajor) throws {
        let long = String(repeating: "s", count: 41)
        let result = try Charts.template(
            helm, chart: Self.chart, release: long, namespace: "ns",
            values: ["ci/no-canary-values.yaml"])
        #expect(result.status != 0)
        #expect(
            Charts.validationMessages(result.stderrText).contains {
                $0.hasPrefix("the group name \"\(long)\" has 41 characters, more than 40")
            }, "\(result.stderrText)")
        #expect(result.stdout.isEmpty)
        let override = try Charts.template(
            helm, chart: Self.chart, values: ["ci/no-canary-values.yaml"],
            set: ["fullnameOverride=" + long])
        #expect(override.status != 0)
        #expect(override.stderrText.contains("fullnameOverride"), "\(override.stderrText)")
        // 40 characters fit, and the primary's pod selector is accepted by the API server's rules ...
        let fits = String(repeating: "s", count: 40)
        let stream = try Charts.render(
            helm, chart: Self.chart, release: fits, namespace: "ns",
            values: [Self.seedValues])
        #expect(try Charts.validate(stream).status == 0)
        // ... but not the customer host label with a long namespace.
        let host = try Charts.template(
            helm, chart: Self.chart, release: fits, namespace: "sample-development-ns",
            values: [Self.seedValues])
        #expect(host.status != 0)
        #expect(host.stderrText.contains("more than the DNS limit of 63"), "\(host.stderrText)")
    }

    @Test("exposure without env or region fails clearly", arguments: HelmMajor.allCases)
    func exposureNeedsEnv(helm: HelmMajor) throws {
        let result = try Charts.template(
            helm, chart: Self.chart,
            set: Charts.withStorageUri + ["exposeModel.enabled=true"])
        #expect(result.status != 0)
        #expect(result.stderrText.contains("needs `env`"), "\(result.stderrText)")
    }

    @Test("env and region from values are forwarded; the hosts use them", arguments: HelmMajor.allCases)
    func envForwarded(helm: HelmMajor) throws {
        let m = try Charts.objects(try Charts.render(helm, chart: Self.chart, values: [Self.seedValues]))
        let primary = try m.one("HelmRelease", "sklearn-primary")
        #expect(at(primary, "spec", "values", "env") as? String == "sandbox")
        #expect(at(primary, "spec", "values", "region") as? String == "uw2")
    }

    @Test("the seed's own kserve-general renders the seed's values, without labels")
    func seedChart() throws {
        let result = try Charts.template(
            .helm3, chart: "seed", values: [Self.seedValues],
            chartPath: Charts.path("examples/seed-kserve-general"))
        #expect(result.status == 0, "\(result.stderrText)")
        let m = try Charts.objects(result.stdout)
        #expect(m.names("HelmRelease") == ["sklearn-canary", "sklearn-primary"])
        #expect(m.objects.allSatisfy { at($0, "metadata", "labels") == nil })
        let vs = try m.one("VirtualService", "sklearn-predictor")
        #expect(jsonEqual(at(vs, "spec", "hosts"), [Self.customerHost]))
        #expect(Self.weightedRoute(vs).map { at($0, "weight") as? Int } == [60, 40])
        // The seed forwarded only inferenceservice and exposeModel: replicaCount was dropped.
        #expect(at(try m.one("HelmRelease", "sklearn-primary"), "spec", "values", "replicaCount") == nil)
    }

    @Test("NOTES show variants, storage URIs, weights and hosts")
    func notes() throws {
        let result = try ProcessRunner.run(
            try HelmMajor.helm4.path(),
            [
                "install", "sklearn", Charts.chartDir(Self.chart), "--dry-run=client", "--namespace", "sample-dev",
                "-f", Self.seedValues,
            ])
        #expect(result.status == 0, "\(result.stderrText)")
        let text = result.stdoutText
        let models = "gs://kfserving-examples/models/sklearn/1.0/"
        #expect(text.contains("primary  sklearn-primary  weight 60%  storageUri " + models + "model\n"))
        #expect(text.contains("canary   sklearn-canary   weight 40%  storageUri " + models + "model-2\n"))
        #expect(text.contains("https://\(Self.customerHost)/v1/models/sklearn:predict"))
        #expect(
            text.contains(
                "https://sklearn-canary-predictor-sample-dev.api.sandbox-uw2.sample.io"
                    + "/v1/models/sklearn:predict"))
    }
}
