/// Synthetic but realistic metrics for the analysis tests, written as OpenMetrics for
/// `promtool tsdb create-blocks-from openmetrics`: Istio's standard request counter and duration
/// histogram per predictor workload, kube-state-metrics' available replicas, `up`, and the model
/// servers' own metrics (KServe, Triton, vLLM). One namespace per scenario; all queried at `at`.
enum Scenarios {
    /// 2026-11-30T06:00:00Z, the instant every test evaluates at (unless it says otherwise).
    static let at = 1_796_018_400
    static let atText = "2026-11-30T06:00:00Z"
    /// Seconds between samples.
    static let step = 30
    /// Istio's default duration buckets (ms) up to 10 s.
    static let buckets: [Double] = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000]

    /// Traffic of one group during [from, to) seconds relative to `at`.
    struct Phase {
        var from: Int
        var to: Int
        var rps: Double = 20
        var share: Double = 0.10
        var canaryErrors = 0.005
        var primaryErrors = 0.005
        var canaryLatency = 40.0
        var primaryLatency = 40.0
    }

    struct Scenario {
        var namespace: String
        var group = "sklearn"
        var phases: [Phase]
        /// Available replicas of the canary Deployment from a time on (nil: no kube-state-metrics series).
        var canaryReady: [(from: Int, replicas: Double)]? = [(-3600, 2)]
        var primaryReady: Double = 2
        /// `up` series for the canary's pod instead of kube-state-metrics.
        var canaryUp: Double?
        var modelServerMetrics = false
    }

    static let all: [Scenario] = [
        Scenario(namespace: "healthy", phases: [Phase(from: -1200, to: 60)], modelServerMetrics: true),
        Scenario(namespace: "errors", phases: [Phase(from: -1200, to: 60, canaryErrors: 0.08)]),
        Scenario(namespace: "slow", phases: [Phase(from: -1200, to: 60, canaryLatency: 220)]),
        Scenario(namespace: "quiet", phases: [Phase(from: -1200, to: 60, rps: 0.4)]),
        Scenario(namespace: "dark-ready", phases: [Phase(from: -1200, to: 60, share: 0)]),
        Scenario(namespace: "dark-notready", phases: [Phase(from: -1200, to: 60, share: 0)], canaryReady: [(-3600, 0)]),
        Scenario(namespace: "dark-up", phases: [Phase(from: -1200, to: 60, share: 0)], canaryReady: nil, canaryUp: 1),
        // The documented rollout of the seed's HelmRelease: dark from 05:45, ready from 05:50,
        // 10 % from 06:01, 25 % from 06:13, 50 % from 06:25 (Flux applying each step a minute late).
        Scenario(
            namespace: "sample-dev",
            phases: [
                Phase(from: -900, to: 60, share: 0), Phase(from: 60, to: 780, share: 0.10),
                Phase(from: 780, to: 1500, share: 0.25), Phase(from: 1500, to: 2700, share: 0.50),
            ], canaryReady: [(-900, 0), (-600, 2)]),
    ]

    /// Latency model: fractions of requests at multiples of the median.
    static let latencyShape: [(factor: Double, fraction: Double)] = [(0.6, 0.6), (1.0, 0.3), (1.5, 0.09), (3.0, 0.01)]

    static func openMetrics() -> String {
        var families: [String: [String]] = [:]
        var order: [String] = []
        func emit(_ family: String, _ type: String, _ line: String) {
            let key = "# TYPE \(family) \(type)"
            if families[key] == nil {
                families[key] = []
                order.append(key)
            }
            families[key]!.append(line)
        }
        func num(_ v: Double) -> String { String((v * 1000).rounded() / 1000) }
        for s in all {
            let start = s.phases.map(\.from).min()!
            let end = s.phases.map(\.to).max()!
            var total: [String: Double] = [:]
            var t = start
            while t <= end {
                let ts = String(at + t)
                if t > start, let p = s.phases.first(where: { $0.from <= t - step && t - step < $0.to }) {
                    for (variant, share, errors, latency) in [
                        ("canary", p.share, p.canaryErrors, p.canaryLatency),
                        ("primary", 1 - p.share, p.primaryErrors, p.primaryLatency),
                    ] {
                        let n = p.rps * share * Double(step)
                        total["\(variant)/5xx", default: 0] += n * errors
                        total["\(variant)/200", default: 0] += n * (1 - errors)
                        total["\(variant)/sum", default: 0] +=
                            n * latencyShape.reduce(0) { $0 + $1.fraction * $1.factor * latency }
                        for le in buckets {
                            let below = latencyShape.filter { $0.factor * latency <= le }.reduce(0) { $0 + $1.fraction }
                            total["\(variant)/le\(le)", default: 0] += n * below
                        }
                    }
                }
                for variant in ["canary", "primary"] {
                    let workload = "\(s.group)-\(variant)-predictor"
                    let istio =
                        #"reporter="destination",destination_workload_namespace="\#(s.namespace)","#
                        + #"destination_workload="\#(workload)""#
                    for code in ["200", "503"] {
                        let v = total["\(variant)/\(code == "200" ? "200" : "5xx")", default: 0]
                        emit(
                            "istio_requests", "counter",
                            "istio_requests_total{\(istio),response_code=\"\(code)\"} \(num(v)) \(ts)")
                    }
                    let requests = total["\(variant)/200", default: 0] + total["\(variant)/5xx", default: 0]
                    for le in buckets {
                        emit(
                            "istio_request_duration_milliseconds", "histogram",
                            "istio_request_duration_milliseconds_bucket{\(istio),le=\"\(num(le))\"} "
                                + "\(num(total["\(variant)/le\(le)", default: 0])) \(ts)"
                        )
                    }
                    emit(
                        "istio_request_duration_milliseconds", "histogram",
                        "istio_request_duration_milliseconds_bucket{\(istio),le=\"+Inf\"} \(num(requests)) \(ts)")
                    emit(
                        "istio_request_duration_milliseconds", "histogram",
                        "istio_request_duration_milliseconds_count{\(istio)} \(num(requests)) \(ts)")
                    emit(
                        "istio_request_duration_milliseconds", "histogram",
                        "istio_request_duration_milliseconds_sum{\(istio)} "
                            + "\(num(total["\(variant)/sum", default: 0])) \(ts)"
                    )
                    let ready =
                        variant == "primary" ? s.primaryReady : s.canaryReady?.last(where: { $0.from <= t })?.replicas
                    if let ready, variant == "primary" || s.canaryReady != nil {
                        emit(
                            "kube_deployment_status_replicas_available", "gauge",
                            "kube_deployment_status_replicas_available{namespace=\"\(s.namespace)\","
                                + "deployment=\"\(workload)\"} \(num(ready)) \(ts)"
                        )
                    }
                    let pod = "\(workload)-\(variant == "canary" ? "7d9f8b6c5d-x2x7p" : "5f6d7c8b9a-k8q4m")"
                    if variant == "canary", let up = s.canaryUp {
                        emit(
                            "up", "gauge",
                            "up{namespace=\"\(s.namespace)\",pod=\"\(pod)\",job=\"kserve\"} \(num(up)) \(ts)")
                    }
                    if s.modelServerMetrics {
                        modelServer(
                            variant: variant, namespace: s.namespace, pod: pod, requests: requests,
                            latency: variant == "canary" ? s.phases[0].canaryLatency : s.phases[0].primaryLatency,
                            ts: ts, emit: emit, num: num)
                    }
                }
                t += step
            }
        }
        return order.map { ([$0] + families[$0]!).joined(separator: "\n") }.joined(separator: "\n") + "\n# EOF\n"
    }

    /// KServe's `request_predict_seconds`, Triton's `nv_inference_*` and vLLM's `vllm:*` for one pod.
    static func modelServer(
        variant: String, namespace: String, pod: String, requests: Double, latency: Double, ts: String,
        emit: (String, String, String) -> Void, num: (Double) -> String
    ) {
        let model = "sklearn-\(variant)"
        let labels = #"namespace="\#(namespace)",pod="\#(pod)""#
        let seconds = latency / 1000 * 0.8
        for le in [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0] {
            let below = latencyShape.filter { $0.factor * seconds <= le }.reduce(0) { $0 + $1.fraction }
            emit(
                "request_predict_seconds", "histogram",
                "request_predict_seconds_bucket{\(labels),model_name=\"\(model)\",le=\"\(le)\"} "
                    + "\(num(requests * below)) \(ts)"
            )
        }
        emit(
            "request_predict_seconds", "histogram",
            "request_predict_seconds_bucket{\(labels),model_name=\"\(model)\",le=\"+Inf\"} \(num(requests)) \(ts)")
        emit(
            "request_predict_seconds", "histogram",
            "request_predict_seconds_count{\(labels),model_name=\"\(model)\"} \(num(requests)) \(ts)")
        emit(
            "request_predict_seconds", "histogram",
            "request_predict_seconds_sum{\(labels),model_name=\"\(model)\"} \(num(requests * seconds)) \(ts)")
        let triton = #"\#(labels),model="sklearn",version="1""#
        emit(
            "nv_inference_request_success", "unknown",
            "nv_inference_request_success{\(triton)} \(num(requests * 0.999)) \(ts)")
        emit(
            "nv_inference_request_failure", "unknown",
            "nv_inference_request_failure{\(triton)} \(num(requests * 0.001)) \(ts)")
        emit(
            "nv_inference_request_duration_us", "unknown",
            "nv_inference_request_duration_us{\(triton)} \(num(requests * latency * 1000)) \(ts)")
        emit(
            "nv_inference_queue_duration_us", "unknown",
            "nv_inference_queue_duration_us{\(triton)} \(num(requests * 800)) \(ts)")
        let vllm = #"\#(labels),model_name="sklearn",engine="0""#
        for le in [0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0] {
            let below = latencyShape.filter { $0.factor * seconds * 10 <= le }.reduce(0) { $0 + $1.fraction }
            emit(
                "vllm:e2e_request_latency_seconds", "histogram",
                "vllm:e2e_request_latency_seconds_bucket{\(vllm),le=\"\(le)\"} \(num(requests * below)) \(ts)")
            emit(
                "vllm:time_to_first_token_seconds", "histogram",
                "vllm:time_to_first_token_seconds_bucket{\(vllm),le=\"\(le / 10)\"} \(num(requests * below)) \(ts)")
        }
        for family in ["vllm:e2e_request_latency_seconds", "vllm:time_to_first_token_seconds"] {
            emit(family, "histogram", "\(family)_bucket{\(vllm),le=\"+Inf\"} \(num(requests)) \(ts)")
            emit(family, "histogram", "\(family)_count{\(vllm)} \(num(requests)) \(ts)")
            emit(family, "histogram", "\(family)_sum{\(vllm)} \(num(requests * seconds * 10)) \(ts)")
        }
        emit(
            "vllm:request_success", "counter",
            "vllm:request_success_total{\(vllm),finished_reason=\"stop\"} \(num(requests)) \(ts)")
    }
}
