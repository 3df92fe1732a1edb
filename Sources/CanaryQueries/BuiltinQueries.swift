import KServeCanaryModel

/// The PromQL of the built-in checks, over Istio's standard metrics (`reporter="destination"`)
/// and kube-state-metrics. The one source of truth for `analyze` and the Grafana dashboard.
///
/// Every template is written for the canary; the primary's query is the same template with
/// `{{canary}}` and `{{primary}}` exchanged (`QueryTemplate.swapped`).
public enum BuiltinQueries {
    /// Requests the canary received in the window (**enough traffic**).
    public static let requests = QueryTemplate(trusted: "sum(\(increase(series(canary))))")

    /// The canary's share of the requests both variants received, in percent (**split applied**).
    /// Without canary requests it is 0; without any request, no value.
    public static let share = QueryTemplate(
        trusted:
            "100 * (sum(\(increase(series(canary)))) or vector(0))"
            + " / sum(\(increase(series(#"\#(IstioMetrics.destinationWorkload)=~"{{canary}}|{{primary}}""#))))")

    /// The canary's 5xx responses in percent of its requests (**errors**). No value without requests.
    public static let errorRatio = QueryTemplate(
        trusted:
            "100 * (sum(\(rate(series(canary + #",\#(IstioMetrics.responseCode)=~"5..""#)))) or vector(0))"
            + " / sum(\(rate(series(canary))))")

    /// The canary's `quantile` latency in milliseconds (**latency** uses 0.99; the dashboard also 0.5).
    public static func latency(quantile: String) -> QueryTemplate {
        QueryTemplate(
            trusted: "histogram_quantile(\(quantile), sum by (le) ("
                + rate(IstioMetrics.durationBuckets + "{\(istio),\(canary)}") + "))")
    }

    /// The p99 latency template of the latency check.
    public static let latencyP99 = latency(quantile: "0.99")

    /// Available replicas of the canary's predictor Deployment (**readiness**): kube-state-metrics'
    /// `kube_deployment_status_replicas_available`, or else the number of its pods whose scrape is `up`.
    public static let readiness: QueryTemplate = {
        let namespace = #"\#(KubeStateMetrics.namespace)="{{namespace}}""#
        let deployment = #"\#(KubeStateMetrics.deployment)="{{canary}}""#
        let pods = #"\#(KubeStateMetrics.pod)=~"{{canary}}\#(KubeStateMetrics.podSuffixPattern)""#
        return QueryTemplate(
            trusted: "max(\(KubeStateMetrics.availableReplicas){\(namespace),\(deployment)})"
                + " or count(max by (pod) (up{\(namespace),\(pods)} == 1))")
    }()

    /// Istio's labels for requests that reached a workload of the namespace.
    static let istio =
        #"\#(IstioMetrics.reporter)="\#(IstioMetrics.destinationReporter)","#
        + #"\#(IstioMetrics.destinationWorkloadNamespace)="{{namespace}}""#

    /// The label matcher of the canary's workload.
    static let canary = #"\#(IstioMetrics.destinationWorkload)="{{canary}}""#

    /// `istio_requests_total` of the namespace's workloads selected by `workload`.
    static func series(_ workload: String) -> String { IstioMetrics.requests + "{\(istio),\(workload)}" }

    static func increase(_ series: String) -> String { "increase(\(series)[{{window}}])" }

    static func rate(_ series: String) -> String { "rate(\(series)[{{window}}])" }
}
