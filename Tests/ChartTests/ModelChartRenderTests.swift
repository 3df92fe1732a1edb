import Foundation
import TestSupport
import Testing

@Suite("kserve-model rendering")
struct ModelChartRenderTests {
    static let chart = "kserve-model"
    static let selector = ["app": "isvc.sklearn-primary-predictor"]

    @Test(
        "defaults plus a storage URI: InferenceService in Standard mode, cluster-local, HPA/SA/PDB",
        arguments: HelmMajor.allCases)
    func defaults(helm: HelmMajor) throws {
        let m = try Charts.renderObjects(helm, chart: Self.chart, set: Charts.withStorageUri)
        #expect(m.names("InferenceService") == ["sklearn"])
        #expect(m.all("VirtualService").isEmpty, "exposure is off by default")
        #expect(m.all("AuthorizationPolicy").isEmpty && m.all("EnvoyFilter").isEmpty && m.all("Telemetry").isEmpty)
        #expect(m.all("ConfigMap").isEmpty && m.all("PodMonitor").isEmpty && m.all("ServiceMonitor").isEmpty)

        let isvc = try m.one("InferenceService", "sklearn")
        #expect(isvc["apiVersion"] as? String == "serving.kserve.io/v1beta1")
        #expect(at(isvc, "metadata", "namespace") as? String == "sample-dev")
        #expect(at(isvc, "metadata", "annotations", "serving.kserve.io/deploymentMode") as? String == "Standard")
        #expect(at(isvc, "metadata", "annotations", "serving.kserve.io/autoscalerClass") as? String == "external")
        #expect(at(isvc, "metadata", "labels", "networking.kserve.io/visibility") as? String == "cluster-local")
        #expect(
            jsonEqual(
                at(isvc, "metadata", "labels"),
                [
                    "app.kubernetes.io/name": "kserve-model", "app.kubernetes.io/instance": "sklearn",
                    "app.kubernetes.io/managed-by": "Helm", "app.kubernetes.io/component": "predictor",
                    "networking.kserve.io/visibility": "cluster-local",
                ]))
        #expect(at(isvc, "spec", "predictor", "model", "modelFormat", "name") as? String == "sklearn")
        #expect(at(isvc, "spec", "predictor", "model", "storageUri") as? String == Charts.storageUri)
        #expect(at(isvc, "spec", "predictor", "serviceAccountName") as? String == "sklearn")
        #expect(at(isvc, "spec", "predictor", "minReplicas") as? Int == 1)
        #expect(at(isvc, "spec", "predictor", "maxReplicas") as? Int == 3)
        #expect(at(isvc, "spec", "predictor", "labels") == nil, "no Istio policy, no injection label")

        let hpa = try m.one("HorizontalPodAutoscaler", "sklearn-predictor-hpa")
        #expect(hpa["apiVersion"] as? String == "autoscaling/v2")
        #expect(at(hpa, "metadata", "labels", "helm.sh/chart") as? String == "kserve-model-0.5.0")
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

    @Test("the defaults alone do not render: storageUri has no default", arguments: HelmMajor.allCases)
    func defaultsNeedAStorageUri(helm: HelmMajor) throws {
        let result = try Charts.template(helm, chart: Self.chart)
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText.contains("storageUri"), "\(result.stderrText)")
    }

    /// Standard-mode pods are labelled `app: isvc.<isvc>-predictor` (deployment_reconciler.go
    /// createRawDefaultDeployment): every selector, preset and policy below must use exactly that label.
    @Test(
        "every feature on: hosts, HPA metrics, GPU, JWT, policies, rate limits, logs, PDB, images, monitors",
        arguments: HelmMajor.allCases)
    func fullValues(helm: HelmMajor) throws {
        let m = try Charts.renderObjects(
            helm, chart: Self.chart, release: "sklearn-primary",
            values: ["ci/full-values.yaml"])

        let isvc = try m.one("InferenceService", "sklearn-primary")
        #expect(at(isvc, "metadata", "annotations", "serving.kserve.io/deploymentMode") as? String == "Standard")
        #expect(at(isvc, "spec", "predictor", "model", "resources", "limits", "nvidia.com/gpu") as? Int == 1)
        #expect(at(isvc, "spec", "predictor", "model", "runtime") as? String == "kserve-sklearnserver")
        #expect(at(isvc, "spec", "predictor", "model", "runtimeVersion") as? String == "1.15.0")
        #expect(jsonEqual(at(isvc, "spec", "predictor", "model", "args"), ["--workers=2"]))
        #expect(at(isvc, "spec", "predictor", "containers", 0, "name") as? String == "request-logger")
        #expect(at(isvc, "spec", "predictor", "serviceAccountName") as? String == "sklearn-model-reader")
        // Pod settings model servers need.
        #expect(at(isvc, "spec", "predictor", "model", "startupProbe", "failureThreshold") as? Int == 60)
        #expect(
            at(
                isvc, "spec", "predictor", "model", "readinessProbe", "httpGet",
                "path") as? String == "/v2/health/ready")
        #expect(at(isvc, "spec", "predictor", "model", "livenessProbe", "periodSeconds") as? Int == 20)
        #expect(at(isvc, "spec", "predictor", "securityContext", "fsGroup") as? Int == 1000)
        #expect(at(isvc, "spec", "predictor", "deploymentStrategy", "rollingUpdate", "maxUnavailable") as? Int == 0)
        // Anti-affinity and topology spread select this variant's own pods.
        #expect(
            jsonEqual(
                at(
                    isvc, "spec", "predictor", "affinity", "podAntiAffinity",
                    "preferredDuringSchedulingIgnoredDuringExecution", 0, "podAffinityTerm", "labelSelector",
                    "matchLabels"), Self.selector))
        #expect(
            jsonEqual(
                at(isvc, "spec", "predictor", "topologySpreadConstraints", 0, "labelSelector", "matchLabels"),
                Self.selector))
        #expect(
            at(isvc, "spec", "predictor", "topologySpreadConstraints", 0, "topologyKey") as? String
                == "topology.kubernetes.io/zone")

        let vs = try m.one("VirtualService", "sklearn-primary-predictor")
        // The seed's per-variant test host.
        #expect(jsonEqual(at(vs, "spec", "hosts"), ["sklearn-primary-predictor-sample-dev.api.sandbox-uw2.sample.io"]))
        #expect(jsonEqual(at(vs, "spec", "gateways"), ["istio-system/sample-gateway"]))
        #expect(at(vs, "spec", "http", 0, "route", 0, "destination", "host") as? String == "sklearn-primary-predictor")
        #expect(at(vs, "spec", "http", 0, "route", 0, "destination", "port", "number") as? Int == 80)

        let hpa = try m.one("HorizontalPodAutoscaler", "sklearn-primary-predictor-hpa")
        #expect(at(hpa, "spec", "minReplicas") as? Int == 2)
        #expect(at(hpa, "spec", "maxReplicas") as? Int == 6)
        let metrics = (at(hpa, "spec", "metrics") as? [[String: Any]]) ?? []
        #expect(metrics.map { $0["type"] as? String } == ["ContainerResource", "ContainerResource", "Pods", "Pods"])
        #expect(at(metrics.count > 1 ? metrics[1] : nil, "containerResource", "name") as? String == "memory")
        #expect(at(metrics.count > 2 ? metrics[2] : nil, "pods", "metric", "name") as? String == "DCGM_FI_DEV_GPU_UTIL")
        #expect(at(metrics.count > 3 ? metrics[3] : nil, "pods", "target", "averageValue") as? String == "500m")

        let ra = try m.one("RequestAuthentication", "sklearn-primary-predictor-jwt")
        #expect(at(ra, "spec", "jwtRules", 0, "issuer") as? String == "https://login.example.com/")
        #expect(
            at(
                ra, "spec", "jwtRules", 0,
                "jwksUri") as? String == "https://login.example.com/.well-known/jwks.json")
        #expect(jsonEqual(at(ra, "spec", "jwtRules", 0, "audiences"), ["models-api"]))

        let require = try m.one("AuthorizationPolicy", "sklearn-primary-predictor-require-jwt")
        #expect(at(require, "spec", "action") as? String == "ALLOW")
        #expect(jsonEqual(at(require, "spec", "rules", 0, "from", 0, "source", "namespaces"), ["istio-system"]))
        #expect(jsonEqual(at(require, "spec", "rules", 0, "from", 0, "source", "requestPrincipals"), ["*"]))
        #expect(jsonEqual(at(require, "spec", "rules", 1, "from", 0, "source", "namespaces"), ["sample-dev"]))
        let custom = try m.one("AuthorizationPolicy", "sklearn-primary-predictor-custom")
        #expect(at(custom, "spec", "action") as? String == "CUSTOM")
        #expect(at(custom, "spec", "provider", "name") as? String == "opa-ext-authz")

        let ef = try m.one("EnvoyFilter", "sklearn-primary-predictor-ratelimit")
        let config = at(ef, "spec", "configPatches", 0, "patch", "value", "typed_config")
        #expect(
            at(config, "@type") as? String
                == "type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit")
        #expect(at(config, "token_bucket", "max_tokens") as? Int == 200)
        #expect(at(config, "token_bucket", "tokens_per_fill") as? Int == 50)
        #expect(at(config, "token_bucket", "fill_interval") as? String == "1s")
        #expect(jsonEqual(at(ef, "spec", "workloadSelector", "labels"), Self.selector))

        let telemetry = try m.one("Telemetry", "sklearn-primary-predictor-access-log")
        #expect(at(telemetry, "spec", "accessLogging", 0, "providers", 0, "name") as? String == "envoy")
        #expect(
            at(
                try m.one("PodDisruptionBudget", "sklearn-primary-predictor"), "spec",
                "minAvailable") as? String == "50%")
        #expect(m.names("ImageRepository") == ["sklearn-primary"] && m.names("ImagePolicy") == ["sklearn-primary"])
        let podMonitor = try m.one("PodMonitor", "sklearn-primary-predictor")
        #expect(jsonEqual(at(podMonitor, "spec", "selector", "matchLabels"), Self.selector))
        #expect(at(podMonitor, "spec", "podMetricsEndpoints", 0, "interval") as? String == "15s")
        #expect(at(podMonitor, "metadata", "labels", "release") as? String == "prometheus")

        // Every Istio policy, the PDB and the Telemetry select KServe's predictor pods.
        for kind in [
            "AuthorizationPolicy", "RequestAuthentication", "PeerAuthentication", "Telemetry",
            "PodDisruptionBudget",
        ] {
            for object in m.all(kind) {
                #expect(jsonEqual(at(object, "spec", "selector", "matchLabels"), Self.selector), "\(kind) selector")
            }
        }
        // commonLabels reach every object but the InferenceService (whose labels KServe copies to the pods).
        for object in m.objects where object["kind"] as? String != "InferenceService" {
            #expect(at(object, "metadata", "labels", "team") as? String == "ml-platform", "\(object["kind"] ?? "")")
        }
        #expect(at(isvc, "metadata", "labels", "team") == nil)
    }

    @Test("newStorageUri fails the render: the canary transformation did not run", arguments: HelmMajor.allCases)
    func newStorageUriGuard(helm: HelmMajor) throws {
        let result = try Charts.template(
            helm, chart: Self.chart,
            set: Charts.withStorageUri
                + ["inferenceservice.predictor.model.newStorageUri=gs://models/sklearn/2"])
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty, "nothing may be rendered")
        #expect(result.stderrText.contains("the canary transformation did not run"), "\(result.stderrText)")
        #expect(result.stderrText.contains("kserve-canary"), "\(result.stderrText)")
        #expect(result.stderrText.contains("flux postrenderers"), "\(result.stderrText)")
    }

    @Test("unknown keys are refused at the top level and inside the model", arguments: HelmMajor.allCases)
    func unknownKeys(helm: HelmMajor) throws {
        let top = try Charts.template(helm, chart: Self.chart, set: Charts.withStorageUri + ["replicaCont=2"])
        #expect(top.status != 0)
        #expect(top.stderrText.contains("replicaCont"), "\(top.stderrText)")
        let nested = try Charts.template(
            helm, chart: Self.chart,
            set: Charts.withStorageUri
                + ["inferenceservice.predictor.model.storageURI=gs://x"])
        #expect(nested.status != 0)
        #expect(nested.stderrText.contains("storageURI"), "\(nested.stderrText)")
    }

    /// KServe's webhook refuses names outside `[a-z]([-a-z0-9]*[a-z0-9])?` (inference_service_validation.go
    /// validateInferenceServiceName); the chart says so at render time, with every other problem at once.
    @Test("every problem is reported at once, under one title", arguments: HelmMajor.allCases)
    func allProblemsAtOnce(helm: HelmMajor) throws {
        let result = try Charts.template(
            helm, chart: Self.chart, release: "1sklearn",
            set: Charts.withStorageUri + [
                "replicaCount=5", "autoscaling.maxReplicaCount=4", "jwt.enabled=true", "exposeModel.enabled=true",
            ])
        #expect(result.status != 0)
        #expect(result.stderrText.contains("kserve-model: VALUES VALIDATION (5 problems):"), "\(result.stderrText)")
        let messages = Charts.validationMessages(result.stderrText)
        #expect(messages.count == 5, "\(messages)")
        #expect(messages.contains { $0.contains("must start with a lower-case letter") })
        #expect(messages.contains("autoscaling.maxReplicaCount (4) must be at least replicaCount (5)"))
        #expect(messages.contains { $0.hasPrefix("jwt.enabled needs jwt.issuer and jwt.jwksUri") })
        #expect(messages.contains { $0.hasPrefix("exposeModel.enabled needs `env`") })
        #expect(messages.contains { $0.hasPrefix("exposeModel.enabled needs `region`") })
    }

    @Test("minimal values: no HPA, PDB, ServiceAccount, visibility label or metrics annotations")
    func minimal() throws {
        let m = try Charts.renderObjects(.helm4, chart: Self.chart, values: ["ci/minimal-values.yaml"])
        #expect(m.objects.count == 1)
        let isvc = try m.one("InferenceService", "sklearn")
        #expect(at(isvc, "metadata", "labels", "networking.kserve.io/visibility") == nil)
        #expect(at(isvc, "spec", "predictor", "serviceAccountName") == nil)
        #expect(at(isvc, "spec", "predictor", "annotations") == nil)
        #expect(at(isvc, "metadata", "annotations", "serving.kserve.io/deploymentMode") as? String == "RawDeployment")
    }

    @Test("NOTES show the model, replicas, the exposed host, rate limits and the sidecar")
    func notes() throws {
        let result = try ProcessRunner.run(
            try HelmMajor.helm4.path(),
            [
                "install", "sklearn-primary", Charts.chartDir(Self.chart), "--dry-run=client", "--namespace",
                "sample-dev",
                "-f", Charts.chartDir(Self.chart) + "/ci/full-values.yaml",
            ])
        #expect(result.status == 0, "\(result.stderrText)")
        let text = result.stdoutText
        #expect(text.contains("InferenceService sample-dev/sklearn-primary"))
        #expect(
            text.contains(
                "Replicas:     2-6 (HPA sklearn-primary-predictor-hpa;"
                    + " KServe's autoscalerClass external)"))
        #expect(
            text.contains(
                "https://sklearn-primary-predictor-sample-dev.api.sandbox-uw2.sample.io"
                    + "/v1/models/sklearn-primary:predict"))
        #expect(text.contains("Rate limit:   50 requests per 1s per pod, bursts up to 200 (local)"))
        #expect(
            text.contains(
                "Rate limit:   1000 requests per minute for all pods"
                    + " (global: domain sample-dev.sklearn-primary"))
        #expect(text.contains("Metrics:      :8082/stats/model (PodMonitor sklearn-primary-predictor)"))
        #expect(
            text.contains(
                "Istio:        pods labelled sidecar.istio.io/inject=true: jwt, jwt.customAuthz,"
                    + " peerAuthentication,"
                    + " rateLimit, rateLimit.global, accessLog need the sidecar"))
    }
}
