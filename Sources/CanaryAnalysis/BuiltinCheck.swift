import CanaryQueries

/// The built-in checks, in report order: their names (as reports, `--checks` files and the
/// verdict use them), queries and units.
enum BuiltinCheck: String, Sendable, CaseIterable {
    /// Canary requests in the window >= `--min-requests`; a precondition.
    case enoughTraffic = "enough-traffic"
    /// The observed canary share matches the configured weight; a precondition.
    case split
    /// Canary 5xx ratio <= the primary's + `--max-error-increase`.
    case errors
    /// Canary p99 <= the primary's x `--max-latency-ratio` + slack.
    case latency
    /// At weight 0: the canary's predictor Deployment has an available replica.
    case readiness

    /// The check's name in reports.
    var name: String { rawValue }

    /// The canary's query template.
    var query: QueryTemplate {
        switch self {
        case .enoughTraffic: BuiltinQueries.requests
        case .split: BuiltinQueries.share
        case .errors: BuiltinQueries.errorRatio
        case .latency: BuiltinQueries.latencyP99
        case .readiness: BuiltinQueries.readiness
        }
    }

    /// The unit of its values.
    var unit: String {
        switch self {
        case .enoughTraffic: "requests"
        case .split, .errors: "%"
        case .latency: "ms"
        case .readiness: "replicas"
        }
    }

    /// Whether an inconclusive result makes the whole analysis inconclusive, whatever the others say.
    var isPrecondition: Bool { self == .enoughTraffic || self == .split }
}
