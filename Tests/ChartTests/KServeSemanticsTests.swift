import Foundation
import TestSupport
import Testing

/// The chart side of every KServe v0.20.0 controller behaviour kserve-model relies on
/// (docs/kserve-semantics.md names the upstream file and function of each).
@Suite("kserve-model against KServe v0.20 controller behaviour")
struct KServeSemanticsTests {
    static let chart = "kserve-model"

    /// KServe's HPA reconciler GETs exactly `<isvc>-predictor` (reconcilers/hpa/hpa_reconciler.go
    /// checkHPAExist): it updates an HPA of that name it does not own to its own spec (adopting it) and
    /// deletes one it owns under autoscalerClass external (shouldDeleteHPA). With class external and no HPA
    /// of that name it creates nothing (shouldCreateHPA). So our HPA must never have that name.
    @Test(
        "our HPA is never named <isvc>-predictor, and KServe's HPA stays off (class external)",
        arguments: HelmMajor.allCases)
    func hpaNameKServeNeverUses(helm: HelmMajor) throws {
        for release in ["sklearn", "sklearn-primary", "sklearn-canary"] {
            let m = try Charts.renderObjects(helm, chart: Self.chart, release: release, set: Charts.withStorageUri)
            let isvc = try m.one("InferenceService", release)
            #expect(at(isvc, "metadata", "annotations", "serving.kserve.io/autoscalerClass") as? String == "external")
            #expect(m.names("HorizontalPodAutoscaler") == ["\(release)-predictor-hpa"])
            for hpa in m.all("HorizontalPodAutoscaler") {
                let name = at(hpa, "metadata", "name") as? String ?? ""
                // Every HPA name KServe uses ends in its component: -predictor, -transformer, -explainer.
                #expect(!["-predictor", "-transformer", "-explainer"].contains { name.hasSuffix($0) })
                #expect(at(hpa, "spec", "scaleTargetRef", "name") as? String == "\(release)-predictor")
            }
        }
    }

    /// KServe copies minReplicas into the Deployment only for autoscalerClass none
    /// (reconcilers/deployment/deployment_reconciler.go createRawDefaultDeployment) and otherwise leaves
    /// replicas to an HPA (checkDeploymentExist/Reconcile ignore Replicas unless the class is none).
    @Test("autoscaling off: class none, min = max = replicaCount, no HPA", arguments: HelmMajor.allCases)
    func fixedReplicas(helm: HelmMajor) throws {
        let m = try Charts.renderObjects(
            helm, chart: Self.chart,
            set: Charts.withStorageUri + ["autoscaling.enabled=false", "replicaCount=3"])
        #expect(m.all("HorizontalPodAutoscaler").isEmpty)
        let isvc = try m.one("InferenceService", "sklearn")
        #expect(at(isvc, "metadata", "annotations", "serving.kserve.io/autoscalerClass") as? String == "none")
        #expect(at(isvc, "spec", "predictor", "minReplicas") as? Int == 3)
        #expect(at(isvc, "spec", "predictor", "maxReplicas") as? Int == 3)
    }

    /// KServe's defaulting webhook rewrites `RawDeployment` to `Standard`
    /// (pkg/apis/serving/v1beta1/inference_service_defaults.go DefaultInferenceService, KServe >= 0.17);
    /// `Standard` exists since KServe 0.16 (pkg/constants DeploymentModeType).
    @Test(
        "deploymentMode: Standard by default, RawDeployment only when chosen, nothing else",
        arguments: HelmMajor.allCases)
    func deploymentMode(helm: HelmMajor) throws {
        let standard = try Charts.renderObjects(helm, chart: Self.chart, set: Charts.withStorageUri)
        #expect(
            at(
                try standard.one("InferenceService", "sklearn"), "metadata", "annotations",
                "serving.kserve.io/deploymentMode") as? String == "Standard")
        let raw = try Charts.renderObjects(
            helm, chart: Self.chart,
            set: Charts.withStorageUri
                + ["inferenceservice.deploymentMode=RawDeployment"])
        #expect(
            at(
                try raw.one("InferenceService", "sklearn"), "metadata", "annotations",
                "serving.kserve.io/deploymentMode") as? String == "RawDeployment")
        let knative = try Charts.template(
            helm, chart: Self.chart,
            set: Charts.withStorageUri
                + ["inferenceservice.deploymentMode=Serverless"])
        #expect(knative.status != 0)
        #expect(knative.stderrText.contains("deploymentMode"), "\(knative.stderrText)")
    }

    /// KServe copies the InferenceService's labels and annotations onto the predictor Deployment and its
    /// pod template (components/predictor.go buildObjectMeta; deployment_reconciler.go
    /// createRawDefaultDeployment): a label that changes with the chart version restarts every pod.
    @Test(
        "the InferenceService is identical for two chart versions and carries no commonLabels",
        arguments: HelmMajor.allCases)
    func inferenceServiceStableAcrossVersions(helm: HelmMajor) throws {
        let dir = try Charts.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("kserve-model").path
        try FileManager.default.copyItem(atPath: Charts.chartDir(Self.chart), toPath: copy)
        let chartYAML = copy + "/Chart.yaml"
        let text = try String(contentsOfFile: chartYAML, encoding: .utf8)
        try text.replacingOccurrences(of: "\nversion: 0.5.0\n", with: "\nversion: 9.9.9\n")
            .replacingOccurrences(of: "\nappVersion: \"0.20.0\"\n", with: "\nappVersion: \"0.99.0\"\n")
            .write(toFile: chartYAML, atomically: true, encoding: .utf8)
        let values = Charts.chartDir(Self.chart) + "/ci/full-values.yaml"
        let now = try Charts.objects(try Charts.render(helm, chart: Self.chart, values: [values]))
        let later = try ProcessRunner.run(
            try helm.path(),
            [
                "template", "sklearn", copy, "-n", "sample-dev", "-f",
                values,
            ])
        try #require(later.status == 0, "\(later.stderrText)")
        let laterObjects = try Charts.objects(later.stdout)
        #expect(
            jsonEqual(
                try now.one("InferenceService", "sklearn"),
                try laterObjects.one(
                    "InferenceService",
                    "sklearn")))
        // Everything else does carry the version (the test would pass vacuously otherwise).
        #expect(
            at(
                try laterObjects.one("ServiceAccount", "sklearn-model-reader"), "metadata", "labels",
                "helm.sh/chart")
                as? String == "kserve-model-9.9.9")
        let labels = (at(try now.one("InferenceService", "sklearn"), "metadata", "labels") as? [String: Any]) ?? [:]
        for key in ["helm.sh/chart", "app.kubernetes.io/version", "team"] {
            #expect(labels[key] == nil, "\(key) on the InferenceService")
        }
    }

    /// Pods of Standard mode are labelled `app: isvc.<isvc>-predictor` (deployment_reconciler.go
    /// createRawDefaultDeployment, constants.GetRawServiceLabel): a label value has at most 63
    /// characters, so the InferenceService name at most 48.
    @Test("48-character names render objects the API server accepts; 49 are refused", arguments: HelmMajor.allCases)
    func nameLength(helm: HelmMajor) throws {
        let fits = String(repeating: "m", count: 48)
        let stream = try Charts.render(
            helm, chart: Self.chart, release: "s",
            set: Charts.withStorageUri
                + ["fullnameOverride=" + fits])
        let validation = try Charts.validate(stream)
        #expect(validation.status == 0, "\(validation.stdoutText)")
        let pdb = try Charts.objects(stream).one("PodDisruptionBudget", fits + "-predictor")
        #expect((at(pdb, "spec", "selector", "matchLabels", "app") as? String)?.count == 63)
        let long = String(repeating: "m", count: 49)
        let schema = try Charts.template(
            helm, chart: Self.chart, release: "s",
            set: Charts.withStorageUri
                + ["fullnameOverride=" + long])
        #expect(schema.status != 0)
        #expect(schema.stderrText.contains("fullnameOverride"), "\(schema.stderrText)")
        let release = try Charts.template(helm, chart: Self.chart, release: long, set: Charts.withStorageUri)
        #expect(release.status != 0)
        #expect(release.stderrText.contains("has 49 characters, more than 48"), "\(release.stderrText)")
    }

    /// The schemes KServe's storage initializer downloads: pkg/controller/v1beta1/inferenceservice/utils
    /// utils.go SupportedStorageURIPrefixList (plus Azure Blob over https), python/storage
    /// kserve_storage.py Storage.download_files. A URI without a scheme is a local path inside the
    /// storage initializer, which this chart cannot fill.
    @Test(
        "storageUri: every supported scheme renders; empty, unknown schemes and paths are refused",
        arguments: HelmMajor.allCases)
    func storageUriSchemes(helm: HelmMajor) throws {
        let accepted = [
            "gs://b/m", "s3://b/m", "hdfs://nn/m", "webhdfs://nn/m",
            "https://acct.blob.core.windows.net/c/m",
            "http://models.internal/m.tar.gz", "pvc://claim/m", "oci://ghcr.io/acme/model:1",
            "oci+native://ghcr.io/acme/model:1", "hf://org/model",
        ]
        for uri in accepted {
            let result = try Charts.template(
                helm, chart: Self.chart,
                setString: ["inferenceservice.predictor.model.storageUri=" + uri])
            #expect(result.status == 0, "\(uri): \(result.stderrText)")
        }
        for uri in ["", "foo://bar", "/data/model", "gs:/b/m", "file:///mnt/model"] {
            let result = try Charts.template(
                helm, chart: Self.chart,
                setString: ["inferenceservice.predictor.model.storageUri=" + uri])
            #expect(result.status != 0, "\(uri) was accepted")
            #expect(result.stderrText.contains("storageUri"), "\(uri): \(result.stderrText)")
        }
    }

    /// KServe's pod webhook reads `prometheus.kserve.io/port|path` and, when
    /// `serving.kserve.io/enable-prometheus-scraping` is "true" (or absent and its config says so), sets
    /// `prometheus.io/port` to Knative's queue-proxy port 9091 (webhook/admission/pod
    /// metrics_aggregate_injector.go InjectMetricsAggregator), which Standard mode does not have.
    @Test(
        "metrics.port/path reach every consumer from one value, and KServe's 9091 rewrite is off",
        arguments: HelmMajor.allCases)
    func metricsFromOneValue(helm: HelmMajor) throws {
        let m = try Charts.renderObjects(helm, chart: Self.chart, values: ["ci/full-values.yaml"])
        let isvc = try m.one("InferenceService", "sklearn")
        #expect(
            at(
                isvc, "metadata", "annotations",
                "serving.kserve.io/enable-prometheus-scraping") as? String == "false")
        let annotations = at(isvc, "spec", "predictor", "annotations") as? [String: Any] ?? [:]
        for (key, value) in [
            "prometheus.io/scrape": "true", "prometheus.io/port": "8082",
            "prometheus.io/path": "/stats/model",
            "prometheus.kserve.io/port": "8082", "prometheus.kserve.io/path": "/stats/model",
        ] {
            #expect(annotations[key] as? String == value, "\(key)")
        }
        let policy = try m.one("AuthorizationPolicy", "sklearn-predictor-metrics")
        #expect(jsonEqual(at(policy, "spec", "rules", 0, "to", 0, "operation", "ports"), ["8082"]))
        #expect(jsonEqual(at(policy, "spec", "rules", 0, "to", 0, "operation", "paths"), ["/stats/model"]))
        let custom = try m.one("AuthorizationPolicy", "sklearn-predictor-custom")
        #expect(jsonEqual(at(custom, "spec", "rules", 0, "to", 0, "operation", "notPaths"), ["/stats/model"]))
        #expect(
            at(
                try m.one("PeerAuthentication", "sklearn-predictor-metrics"), "spec", "portLevelMtls", "8082",
                "mode")
                as? String == "PERMISSIVE")
        let monitor = try m.one("PodMonitor", "sklearn-predictor")
        #expect(at(monitor, "spec", "podMetricsEndpoints", 0, "portNumber") as? Int == 8082)
        #expect(at(monitor, "spec", "podMetricsEndpoints", 0, "path") as? String == "/stats/model")
        let global = try m.one("EnvoyFilter", "sklearn-predictor-ratelimit-global")
        #expect(
            at(
                global, "spec", "configPatches", 1, "patch", "value", "rate_limits", 0, "actions", 1,
                "header_value_match", "headers", 0, "string_match", "prefix") as? String == "/stats/model")
    }

    /// KServe's Service `<isvc>-predictor` carries the InferenceService's labels plus
    /// `serving.kserve.io/inferenceservice: <isvc>` and `component: predictor` (components/predictor.go
    /// buildObjectMeta; reconcilers/service/service_reconciler.go createService), and maps port 80 to the
    /// container port.
    @Test(
        "the ServiceMonitor selects KServe's predictor Service and scrapes the pods' metrics port",
        arguments: HelmMajor.allCases)
    func serviceMonitor(helm: HelmMajor) throws {
        let m = try Charts.renderObjects(helm, chart: Self.chart, values: ["ci/pdb-max-unavailable-values.yaml"])
        let monitor = try m.one("ServiceMonitor", "sklearn-predictor")
        #expect(
            jsonEqual(
                at(monitor, "spec", "selector", "matchLabels"),
                ["serving.kserve.io/inferenceservice": "sklearn", "component": "predictor"]))
        #expect(at(monitor, "spec", "endpoints", 0, "targetPort") as? Int == 8080)
        #expect(at(monitor, "spec", "endpoints", 0, "path") as? String == "/metrics")
    }

    /// KServe v0.20's canary cleanup deletes every Deployment and Service of the namespace that carries both
    /// `serving.kserve.io/inferenceservice: <isvc>` and `component: predictor` under an unexpected name
    /// (components/predictor.go reconcileCanaryDeployments), without an owner check.
    @Test("no rendered Deployment or Service carries KServe's predictor labels", arguments: try ChartCase.all())
    func nothingKServeWouldDelete(chartCase: ChartCase) throws {
        let m = try Charts.renderObjects(.helm4, chart: chartCase.chart, values: chartCase.values)
        for object in m.all("Deployment") + m.all("Service") {
            let labels = at(object, "metadata", "labels") as? [String: Any] ?? [:]
            #expect(
                labels["serving.kserve.io/inferenceservice"] == nil || labels["component"] == nil,
                "\(at(object, "metadata", "name") ?? "")")
        }
    }
}
