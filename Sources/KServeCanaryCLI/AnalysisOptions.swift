import ArgumentParser
import CanaryAnalysis
import CanaryQueries

/// The options `analyze` and `advance` share: where Prometheus is, when and how to judge.
struct AnalysisOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Prometheus base URL (its HTTP API is under /api/v1).", valueName: "URL"))
    var prometheus: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Namespace of the InferenceServices (default: the HelmRelease's spec.targetNamespace or "
                + "metadata.namespace; required for a values file).",
            valueName: "NS"))
    var namespace: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Helm release name of kserve-general (default: the HelmRelease's; required for a values file without "
                + "fullnameOverride).",
            valueName: "NAME"))
    var name: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Evaluate at this instant: unix seconds or RFC 3339 (default: now).", valueName: "TIME"))
    var at: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Range of every rate and increase, a Prometheus duration.", valueName: "DURATION"))
    var window = "5m"

    @Option(name: .long, help: ArgumentHelp("Canary requests needed in the window, else inconclusive.", valueName: "N"))
    var minRequests = 50

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Percentage points of 5xx the canary may have above the primary.", valueName: "POINTS"))
    var maxErrorIncrease = 1.0

    @Option(name: .long, help: ArgumentHelp("Canary p99 latency at most the primary's times this.", valueName: "RATIO"))
    var maxLatencyRatio = 1.2

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Absolute latency slack added to the ratio, in milliseconds.", valueName: "MS"))
    var latencySlackMs = 5.0

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Smallest accepted distance between observed and configured canary share, in percentage points (a "
                + "4-sigma binomial tolerance is used when larger).",
            valueName: "POINTS"))
    var splitTolerance = 2.0

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Custom checks (YAML); default: the kserve-canary.io/checks ConfigMaps in FILE.", valueName: "FILE"))
    var checks: String?

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for each HTTP request.", valueName: "SECONDS"))
    var timeout = 10.0

    func validate() throws {
        guard prometheus.hasPrefix("http://") || prometheus.hasPrefix("https://") else {
            throw ValidationError(AnalysisError.invalidURL(option: "--prometheus", url: prometheus).description)
        }
        if let at, Instant(parsing: at) == nil {
            throw ValidationError("--at must be unix seconds or an RFC 3339 time (2026-11-30T06:00:00Z), got `\(at)`")
        }
        guard PromDuration(window) != nil else {
            throw ValidationError("--window must be a Prometheus duration like 5m, got `\(window)`")
        }
        let rules: [(Bool, String)] = [
            (minRequests >= 0, "--min-requests must not be negative"),
            (maxErrorIncrease >= 0 && maxErrorIncrease.isFinite, "--max-error-increase must be a number >= 0"),
            (maxLatencyRatio >= 1 && maxLatencyRatio.isFinite, "--max-latency-ratio must be a number >= 1"),
            (latencySlackMs >= 0 && latencySlackMs.isFinite, "--latency-slack-ms must be a number >= 0"),
            (splitTolerance >= 0 && splitTolerance <= 100, "--split-tolerance must be from 0 to 100"),
            (timeout > 0 && timeout <= 3600, "--timeout must be from 0 to 3600 seconds"),
        ]
        if let failed = rules.first(where: { !$0.0 }) { throw ValidationError(failed.1) }
    }

    var instant: Instant { at.flatMap { Instant(parsing: $0) } ?? .now() }

    var settings: AnalysisSettings {
        // validate() has parsed the window.
        AnalysisSettings(
            window: PromDuration(window)!, minRequests: Double(minRequests),
            maxErrorIncrease: maxErrorIncrease, maxLatencyRatio: maxLatencyRatio,
            latencySlackMs: latencySlackMs, splitTolerance: splitTolerance)
    }

    func request(file: String, at: Instant) -> AnalysisRequest {
        AnalysisRequest(
            file: file, prometheus: prometheus, namespace: namespace, name: name, at: at,
            settings: settings, checksFile: checks)
    }
}
