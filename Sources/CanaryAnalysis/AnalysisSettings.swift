import CanaryQueries

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
    public init(
        window: PromDuration = PromDuration("5m")!, minRequests: Double = 50, maxErrorIncrease: Double = 1,
        maxLatencyRatio: Double = 1.2, latencySlackMs: Double = 5, splitTolerance: Double = 2
    ) {
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
