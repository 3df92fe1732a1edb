/// Istio's standard metrics as the canary checks and kserve-general's Grafana dashboard read
/// them (istio.io "Istio Standard Metrics"): requests and their duration, labelled by the
/// reporting side and the destination workload, which KServe names `<isvc>-predictor`
/// (`CanaryNames.predictor(group:variant:)`).
public enum IstioMetrics {
    /// Counter of requests (`istio_requests_total`).
    public static let requests = "istio_requests_total"
    /// Histogram buckets of request durations in milliseconds.
    public static let durationBuckets = "istio_request_duration_milliseconds_bucket"
    /// Which proxy reported the request (`source` or `destination`).
    public static let reporter = "reporter"
    /// The reporter value of the receiving workload's proxy (the one the checks use).
    public static let destinationReporter = "destination"
    /// The workload (Deployment) that received the request.
    public static let destinationWorkload = "destination_workload"
    /// The namespace of that workload.
    public static let destinationWorkloadNamespace = "destination_workload_namespace"
    /// The HTTP status code of the response.
    public static let responseCode = "response_code"
}

/// kube-state-metrics' Deployment metrics, and the pod scrape that stands in when they are absent.
public enum KubeStateMetrics {
    /// Available replicas of a Deployment.
    public static let availableReplicas = "kube_deployment_status_replicas_available"
    /// The Deployment label of the kube-state-metrics series.
    public static let deployment = "deployment"
    /// The namespace label.
    public static let namespace = "namespace"
    /// The pod label of Prometheus' scrape series (`up`).
    public static let pod = "pod"
    /// A Deployment's pods are `<deployment>-<replicaset hash>-<pod suffix>`.
    public static let podSuffixPattern = "-[a-z0-9]+-[a-z0-9]+"
}
