/// The result of one check.
public enum CheckResult: String, Sendable, Equatable {
    /// The check holds.
    case pass
    /// The canary is worse than allowed.
    case fail
    /// Not enough evidence either way (no traffic, weight not applied, no data).
    case inconclusive
    /// The check does not apply at this weight.
    case skipped
}

/// What one check found: values for canary and primary, the threshold, the queries.
public struct CheckOutcome: Sendable, Equatable {
    /// `enough-traffic`, `split`, `errors`, `latency`, `readiness`, or a custom check's name.
    public var name: String
    /// The result.
    public var result: CheckResult
    /// The canary's value (nil without data or when skipped).
    public var canary: Double?
    /// The primary's value, when the check reads one.
    public var primary: Double?
    /// The bound the canary value is held to (nil when none applies).
    public var threshold: Double?
    /// Unit of the three values: `requests`, `%`, `ms`, `replicas`, or a custom check's unit.
    public var unit: String
    /// The condition in words, e.g. `canary <= primary + 1`.
    public var condition: String
    /// Why the result is what it is.
    public var detail: String
    /// The canary's PromQL, rendered.
    public var query: String
    /// The primary's PromQL, rendered, when the check reads one.
    public var primaryQuery: String?

    /// Creates an outcome.
    public init(name: String, result: CheckResult, canary: Double? = nil, primary: Double? = nil,
                threshold: Double? = nil, unit: String, condition: String, detail: String,
                query: String, primaryQuery: String? = nil) {
        self.name = name
        self.result = result
        self.canary = canary
        self.primary = primary
        self.threshold = threshold
        self.unit = unit
        self.condition = condition
        self.detail = detail
        self.query = query
        self.primaryQuery = primaryQuery
    }
}

/// The thresholds of the built-in checks (`analyze`/`advance` options).
public struct AnalysisSettings: Sendable, Equatable {
    /// `--window`: the range of every rate/increase.
    public var window: PromDuration
    /// `--min-requests`: canary requests needed in the window.
    public var minRequests: Double
    /// `--max-error-increase`: percentage points of 5xx the canary may have above the primary.
    public var maxErrorIncrease: Double
    /// `--max-latency-ratio`: canary p99 at most primary p99 times this (plus `latencySlackMs`).
    public var maxLatencyRatio: Double
    /// `--latency-slack-ms`: absolute slack for tiny latencies.
    public var latencySlackMs: Double
    /// `--split-tolerance`: the least distance (percentage points) between observed and configured
    /// weight that is always accepted; the binomial tolerance is used when it is larger.
    public var splitTolerance: Double

    /// The defaults: 5m, 50 requests, +1 point, x1.2, 5 ms, 2 points.
    public init(window: PromDuration = PromDuration("5m")!, minRequests: Double = 50, maxErrorIncrease: Double = 1,
                maxLatencyRatio: Double = 1.2, latencySlackMs: Double = 5, splitTolerance: Double = 2) {
        self.window = window
        self.minRequests = minRequests
        self.maxErrorIncrease = maxErrorIncrease
        self.maxLatencyRatio = maxLatencyRatio
        self.latencySlackMs = latencySlackMs
        self.splitTolerance = splitTolerance
    }

    /// Standard deviations of the binomial tolerance of the split check.
    public static let splitSigmas = 4.0
}

/// Numbers as the reports print them: integers plain, others with up to `decimals` decimals.
enum NumberText {
    static func format(_ value: Double, decimals: Int = 3) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        var text = String(rounded)
        if text.contains("e") { return text }
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
