import Foundation
import Testing
import TestSupport

@Suite("kserve-model rendering")
struct ModelChartRenderTests {
    static let chart = "kserve-model"
    static let selector = ["app": "isvc.sklearn-primary-predictor"]

    @Test("defaults: InferenceService in RawDeployment, cluster-local, KServe HPA off, HPA/SA/PDB", arguments: HelmMajor.allCases)
    func defaults(helm: HelmMajor) throws {
        let m = try Charts.objects(try Charts.render(helm, chart: Self.chart))
        #expect(m.names("InferenceService") == ["sklearn"])
        #expect(m.all("VirtualService").isEmpty, "exposure is off by default")
        #expect(m.all("AuthorizationPolicy").isEmpty && m.all("EnvoyFilter").isEmpty && m.all("Telemetry").isEmpty)

        let isvc = try m.one("InferenceService", "sklearn")
        #expect(isvc["apiVersion"] as? String == "serving.kserve.io/v1beta1")
        #expect(at(isvc, "metadata", "namespace") as? String == "sample-dev")
        #expect(at(isvc, "metadata", "annotations", "serving.kserve.io/deploymentMode") as? String == "RawDeployment")
        #expect(at(isvc, "metadata", "annotations", "serving.kserve.io/autoscalerClass") as? String == "external")
        #expect(at(isvc, "metadata", "labels", "networking.kserve.io/visibility") as? String == "cluster-local")
        #expect(at(isvc, "metadata", "labels", "helm.sh/chart") as? String == "kserve-model-0.4.0")
        #expect(at(isvc, "metadata", "labels", "app.kubernetes.io/name") as? String == "kserve-model")
        #expect(at(isvc, "metadata", "labels", "app.kubernetes.io/instance") as? String == "sklearn")
        #expect(at(isvc, "metadata", "labels", "app.kubernetes.io/managed-by") as? String == "Helm")
        #expect(at(isvc, "spec", "predictor", "model", "modelFormat", "name") as? String == "sklearn")
        #expect(at(isvc, "spec", "predictor", "model", "storageUri") as? String == "gs://kfserving-examples/models/sklearn/1.0/model")
        #expect(at(isvc, "spec", "predictor", "serviceAccountName") as? String == "sklearn")
        #expect(at(isvc, "spec", "predictor", "minReplicas") as? Int == 1)
        #expect(at(isvc, "spec", "predictor", "maxReplicas") as? Int == 3)

        let hpa = try m.one("HorizontalPodAutoscaler", "sklearn-predictor")
        #expect(hpa["apiVersion"] as? String == "autoscaling/v2")
        #expect(at(hpa, "spec", "scaleTargetRef", "kind") as? String == "Deployment")
        #expect(at(hpa, "spec", "scaleTargetRef", "name") as? String == "sklearn-predictor")
        #expect(at(hpa, "spec", "minReplicas") as? Int == 1)
        #expect(at(hpa, "spec", "maxReplicas") as? Int == 3)
        #expect(at(hpa, "spec", "metrics", 0, "type") as? String == "ContainerResource")
        #expect(at(hpa, "spec", "metrics", 0, "containerResource", "container") as? String == "kserve-container")
        #expect(at(hpa, "spec", "metrics", 0, "containerResource", "name") as? String == "cpu")

        #expect(m.names("ServiceAccount") == ["sklearn"])
        let pdb = try m.one("PodDisruptionBudget", "sklearn-predictor")
        #expect(jsonEqual(at(pdb, "spec", "selector", "matchLabels"), ["app": "isvc.sklearn-predictor"]))
        #expect(at(pdb, "spec", "maxUnavailable") as? Int == 1)
    }

    @Test("every feature on: hosts, HPA metrics, GPU, JWT, policies, rate limit, logs, PDB, images", arguments: HelmMajor.allCases)
    func fullValues(helm: HelmMajor) throws {
        let m = try Charts.objects(try Charts.render(helm, chart: Self.chart, release: "sklearn-primary", values: ["ci/full-values.yaml"]))

        let isvc = try m.one("InferenceService", "sklearn-primary")
        #expect(at(isvc, "metadata", "annotations", "serving.kserve.io/deploymentMode") as? String == "Standard")
        #expect(at(isvc, "metadata", "annotations", "serving.kserve.io/enable-prometheus-scraping") as? String == "true")
        #expect(at(isvc, "spec", "predictor", "model", "resources", "limits", "nvidia.com/gpu") as? Int == 1)
        #expect(at(isvc, "spec", "predictor", "model", "runtime") as? String == "kserve-sklearnserver")
        #expect(jsonEqual(at(isvc, "spec", "predictor", "model", "args"), ["--workers=2"]))
        #expect(at(isvc, "spec", "predictor", "containers", 0, "name") as? String == "request-logger")
        #expect(at(isvc, "spec", "predictor", "serviceAccountName") as? String == "sklearn-model-reader")

        let vs = try m.one("VirtualService", "sklearn-primary-predictor")
        // The seed's per-variant test host.
        #expect(jsonEqual(at(vs, "spec", "hosts"), ["sklearn-primary-predictor-sample-dev.api.sandbox-uw2.sample.io"]))
        #expect(jsonEqual(at(vs, "spec", "gateways"), ["istio-system/sample-gateway"]))
        #expect(at(vs, "spec", "http", 0, "route", 0, "destination", "host") as? String == "sklearn-primary-predictor")
        #expect(at(vs, "spec", "http", 0, "route", 0, "destination", "port", "number") as? Int == 80)

        let hpa = try m.one("HorizontalPodAutoscaler", "sklearn-primary-predictor")
        #expect(at(hpa, "spec", "minReplicas") as? Int == 2)
        #expect(at(hpa, "spec", "maxReplicas") as? Int == 6)
        let metrics = (at(hpa, "spec", "metrics") as? [[String: Any]]) ?? []
        #expect(metrics.map { $0["type"] as? String } == ["ContainerResource", "ContainerResource", "Pods", "Pods"])
        #expect(at(metrics.count > 1 ? metrics[1] : nil, "containerResource", "name") as? String == "memory")
        #expect(at(metrics.count > 2 ? metrics[2] : nil, "pods", "metric", "name") as? String == "DCGM_FI_DEV_GPU_UTIL")
        #expect(at(metrics.count > 3 ? metrics[3] : nil, "pods", "target", "averageValue") as? String == "500m")

        let ra = try m.one("RequestAuthentication", "sklearn-primary-predictor-jwt")
        #expect(at(ra, "spec", "jwtRules", 0, "issuer") as? String == "https://login.example.com/")
        #expect(at(ra, "spec", "jwtRules", 0, "jwksUri") as? String == "https://login.example.com/.well-known/jwks.json")
        #expect(jsonEqual(at(ra, "spec", "jwtRules", 0, "audiences"), ["models-api"]))

        let require = try m.one("AuthorizationPolicy", "sklearn-primary-predictor-require-jwt")
        #expect(at(require, "spec", "action") as? String == "ALLOW")
        #expect(jsonEqual(at(require, "spec", "rules", 0, "from", 0, "source", "namespaces"), ["istio-system"]))
        #expect(jsonEqual(at(require, "spec", "rules", 0, "from", 0, "source", "requestPrincipals"), ["*"]))
        #expect(jsonEqual(at(require, "spec", "rules", 1, "from", 0, "source", "namespaces"), ["sample-dev"]))
        let metricsPolicy = try m.one("AuthorizationPolicy", "sklearn-primary-predictor-metrics")
        #expect(jsonEqual(at(metricsPolicy, "spec", "rules", 0, "to", 0, "operation", "paths"), ["/metrics"]))
        #expect(jsonEqual(at(metricsPolicy, "spec", "rules", 0, "to", 0, "operation", "ports"), ["8080"]))
        let custom = try m.one("AuthorizationPolicy", "sklearn-primary-predictor-custom")
        #expect(at(custom, "spec", "action") as? String == "CUSTOM")
        #expect(at(custom, "spec", "provider", "name") as? String == "opa-ext-authz")

        let pa = try m.one("PeerAuthentication", "sklearn-primary-predictor-metrics")
        #expect(at(pa, "spec", "portLevelMtls", "8080", "mode") as? String == "PERMISSIVE")

        let ef = try m.one("EnvoyFilter", "sklearn-primary-predictor-ratelimit")
        let bucket = at(ef, "spec", "configPatches", 0, "patch", "value", "typed_config", "value", "token_bucket")
        #expect(at(bucket, "max_tokens") as? Int == 200)
        #expect(at(bucket, "tokens_per_fill") as? Int == 50)
        #expect(at(bucket, "fill_interval") as? String == "1s")
        #expect(jsonEqual(at(ef, "spec", "workloadSelector", "labels"), Self.selector))

        let telemetry = try m.one("Telemetry", "sklearn-primary-predictor-access-log")
        #expect(at(telemetry, "spec", "accessLogging", 0, "providers", 0, "name") as? String == "envoy")
        #expect(at(try m.one("PodDisruptionBudget", "sklearn-primary-predictor"), "spec", "minAvailable") as? String == "50%")
        #expect(m.names("ImageRepository") == ["sklearn-primary"] && m.names("ImagePolicy") == ["sklearn-primary"])

        // Every Istio policy, the PDB and the Telemetry select KServe's predictor pods.
        for kind in ["AuthorizationPolicy", "RequestAuthentication", "PeerAuthentication", "Telemetry", "PodDisruptionBudget"] {
            for object in m.all(kind) {
                #expect(jsonEqual(at(object, "spec", "selector", "matchLabels"), Self.selector), "\(kind) selector")
            }
        }
        // commonLabels reach every object.
        for object in m.objects {
            #expect(at(object, "metadata", "labels", "team") as? String == "ml-platform")
        }
    }

    @Test("replicaCount is the minimum and autoscaling.maxReplicaCount the maximum", arguments: HelmMajor.allCases)
    func replicas(helm: HelmMajor) throws {
        let m = try Charts.objects(try Charts.render(helm, chart: Self.chart, set: ["replicaCount=2", "autoscaling.maxReplicaCount=4"]))
        let hpa = try m.one("HorizontalPodAutoscaler", "sklearn-predictor")
        #expect(at(hpa, "spec", "minReplicas") as? Int == 2)
        #expect(at(hpa, "spec", "maxReplicas") as? Int == 4)
        let isvc = try m.one("InferenceService", "sklearn")
        #expect(at(isvc, "spec", "predictor", "minReplicas") as? Int == 2)
        #expect(at(isvc, "spec", "predictor", "maxReplicas") as? Int == 4)
    }

    @Test("newStorageUri fails the render: the canary transformation did not run", arguments: HelmMajor.allCases)
    func newStorageUriGuard(helm: HelmMajor) throws {
        let result = try Charts.template(helm, chart: Self.chart,
                                         set: ["inferenceservice.predictor.model.newStorageUri=gs://models/sklearn/2"])
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty, "nothing may be rendered")
        #expect(result.stderrText.contains("the canary transformation did not run"), "\(result.stderrText)")
        #expect(result.stderrText.contains("kserve-canary"), "\(result.stderrText)")
        #expect(result.stderrText.contains("flux postrenderers"), "\(result.stderrText)")
    }

    @Test("unknown keys are refused at the top level and inside the model", arguments: HelmMajor.allCases)
    func unknownKeys(helm: HelmMajor) throws {
        let top = try Charts.template(helm, chart: Self.chart, set: ["replicaCont=2"])
        #expect(top.status != 0)
        #expect(top.stderrText.contains("replicaCont"), "\(top.stderrText)")
        let nested = try Charts.template(helm, chart: Self.chart, set: ["inferenceservice.predictor.model.storageURI=gs://x"])
        #expect(nested.status != 0)
        #expect(nested.stderrText.contains("storageURI"), "\(nested.stderrText)")
    }

    @Test("exposure needs env and region", arguments: HelmMajor.allCases)
    func exposureNeedsEnvAndRegion(helm: HelmMajor) throws {
        let noEnv = try Charts.template(helm, chart: Self.chart, set: ["exposeModel.enabled=true", "region=uw2"])
        #expect(noEnv.status != 0)
        #expect(noEnv.stderrText.contains("needs `env`"), "\(noEnv.stderrText)")
        let noRegion = try Charts.template(helm, chart: Self.chart, set: ["exposeModel.enabled=true", "env=sandbox"])
        #expect(noRegion.status != 0)
        #expect(noRegion.stderrText.contains("needs `region`"), "\(noRegion.stderrText)")
    }

    @Test("names that do not fit fail clearly", arguments: HelmMajor.allCases)
    func namesTooLong(helm: HelmMajor) throws {
        // 44 + "-predictor-" + 18 = 73 characters in the host's first label.
        let release = "a-model-release-name-that-is-long-but-legal1"
        let result = try Charts.template(helm, chart: Self.chart, release: release, namespace: "sample-development",
                                         set: ["exposeModel.enabled=true", "env=sandbox", "region=uw2"])
        #expect(result.status != 0)
        #expect(result.stderrText.contains("more than the DNS limit of 63"), "\(result.stderrText)")
        let override = try Charts.template(helm, chart: Self.chart, set: ["fullnameOverride=" + String(repeating: "m", count: 54)])
        #expect(override.status != 0)
        #expect(override.stderrText.contains("fullnameOverride"), "\(override.stderrText)")
        let digit = try Charts.template(helm, chart: Self.chart, release: "1sklearn")
        #expect(digit.status != 0)
        #expect(digit.stderrText.contains("must start with a lower-case letter"), "\(digit.stderrText)")
    }

    @Test("cross-field rules: maxReplicaCount >= replicaCount, JWT settings", arguments: HelmMajor.allCases)
    func crossFieldRules(helm: HelmMajor) throws {
        let replicas = try Charts.template(helm, chart: Self.chart, set: ["replicaCount=5", "autoscaling.maxReplicaCount=4"])
        #expect(replicas.status != 0)
        #expect(replicas.stderrText.contains("autoscaling.maxReplicaCount (4) must be at least replicaCount (5)"), "\(replicas.stderrText)")
        let jwt = try Charts.template(helm, chart: Self.chart, set: ["jwt.enabled=true"])
        #expect(jwt.status != 0)
        #expect(jwt.stderrText.contains("jwt.issuer"), "\(jwt.stderrText)")
    }

    @Test("minimal values: no HPA, PDB, ServiceAccount or visibility label")
    func minimal() throws {
        let m = try Charts.objects(try Charts.render(.helm4, chart: Self.chart, values: ["ci/minimal-values.yaml"]))
        #expect(m.objects.count == 1)
        let isvc = try m.one("InferenceService", "sklearn")
        #expect(at(isvc, "metadata", "labels", "networking.kserve.io/visibility") == nil)
        #expect(at(isvc, "spec", "predictor", "serviceAccountName") == nil)
        #expect(at(isvc, "spec", "predictor", "maxReplicas") as? Int == 1)
        #expect(at(isvc, "metadata", "annotations", "serving.kserve.io/autoscalerClass") as? String == "external")
    }

    @Test("NOTES show the model, replicas and the exposed host")
    func notes() throws {
        let result = try ProcessRunner.run(try HelmMajor.helm4.path(), [
            "install", "sklearn-primary", Charts.chartDir(Self.chart), "--dry-run=client", "--namespace", "sample-dev",
            "-f", Charts.chartDir(Self.chart) + "/ci/full-values.yaml",
        ])
        #expect(result.status == 0, "\(result.stderrText)")
        let text = result.stdoutText
        #expect(text.contains("InferenceService sample-dev/sklearn-primary"))
        #expect(text.contains("Replicas:     2-6"))
        #expect(text.contains("https://sklearn-primary-predictor-sample-dev.api.sandbox-uw2.sample.io/v1/models/sklearn-primary:predict"))
    }
}
