/// The PromQL of the built-in checks, over Istio's standard metrics (`reporter="destination"`)
/// and kube-state-metrics. The one source of truth for `analyze` and the Grafana dashboard.
///
/// Every template is written for the canary; the primary's query is the same template with
/// `{{canary}}` and `{{primary}}` exchanged (`QueryTemplate.swapped`).
public enum BuiltinQueries {
    /// Istio's labels for requests that reached a workload of the namespace.
    static let istio = #"reporter="destination",destination_workload_namespace="{{namespace}}""#

    /// Requests the canary received in the window (**enough traffic**).
    public static let requests = QueryTemplate(trusted:
        #"sum(increase(istio_requests_total{\#(istio),destination_workload="{{canary}}"}[{{window}}]))"#)

    /// The canary's share of the requests both variants received, in percent (**split applied**).
    /// Without canary requests it is 0; without any request, no value.
    public static let share = QueryTemplate(trusted:
        #"100 * (sum(increase(istio_requests_total{\#(istio),destination_workload="{{canary}}"}[{{window}}])) or vector(0))"#
        + #" / sum(increase(istio_requests_total{\#(istio),destination_workload=~"{{canary}}|{{primary}}"}[{{window}}]))"#)

    /// The canary's 5xx responses in percent of its requests (**errors**). No value without requests.
    public static let errorRatio = QueryTemplate(trusted:
        #"100 * (sum(rate(istio_requests_total{\#(istio),destination_workload="{{canary}}",response_code=~"5.."}[{{window}}])) or vector(0))"#
        + #" / sum(rate(istio_requests_total{\#(istio),destination_workload="{{canary}}"}[{{window}}]))"#)

    /// The canary's `quantile` latency in milliseconds (**latency** uses 0.99; the dashboard also 0.5).
    public static func latency(quantile: String) -> QueryTemplate {
        QueryTemplate(trusted: "histogram_quantile(\(quantile), sum by (le) (rate("
            + #"istio_request_duration_milliseconds_bucket{\#(istio),destination_workload="{{canary}}"}[{{window}}])))"#)
    }

    /// The p99 latency template of the latency check.
    public static let latencyP99 = latency(quantile: "0.99")

    /// Available replicas of the canary's predictor Deployment (**readiness**): kube-state-metrics'
    /// `kube_deployment_status_replicas_available`, or else the number of its pods whose scrape is `up`.
    public static let readiness = QueryTemplate(trusted:
        #"max(kube_deployment_status_replicas_available{namespace="{{namespace}}",deployment="{{canary}}"})"#
        + #" or count(max by (pod) (up{namespace="{{namespace}}",pod=~"{{canary}}-[a-z0-9]+-[a-z0-9]+"} == 1))"#)
}
