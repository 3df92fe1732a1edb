import CanaryLifecycle

/// Runs the checks against a metrics source and reaches a verdict. Reads nothing but metrics.
///
/// At canary weight 0 (dark launch) the only gate is **readiness**. With traffic, **enough
/// traffic** and **split applied** are preconditions (either inconclusive makes the verdict
/// inconclusive: too little evidence, or traffic that is not yet split as configured); then any
/// failed check fails the analysis, any remaining inconclusive one makes it inconclusive, and
/// otherwise it passes.
public struct Analyzer: Sendable {
    /// The workloads compared.
    public var workloads: CanaryWorkloads
    /// Thresholds.
    public var settings: AnalysisSettings
    /// Custom checks.
    public var customChecks: [CustomCheck]

    /// Creates an analyzer.
    public init(workloads: CanaryWorkloads, settings: AnalysisSettings, customChecks: [CustomCheck] = []) {
        self.workloads = workloads
        self.settings = settings
        self.customChecks = customChecks
    }

    /// Names of the built-in checks, in report order.
    public static let builtinNames = ["enough-traffic", "split", "errors", "latency", "readiness"]

    /// Analyzes a running canary with `canaryWeight` percent of the traffic at `time`.
    public func analyze(canaryWeight: Int, at time: Instant, source: some MetricsSource) async throws(AnalysisError) -> AnalysisVerdict {
        let evaluator = Evaluator(analyzer: self, source: source, time: time)
        var checks: [CheckOutcome] = []
        if canaryWeight == 0 {
            checks.append(skipped("enough-traffic", BuiltinQueries.requests, unit: "requests"))
            checks.append(skipped("split", BuiltinQueries.share, unit: "%"))
            checks.append(skipped("errors", BuiltinQueries.errorRatio, unit: "%"))
            checks.append(skipped("latency", BuiltinQueries.latencyP99, unit: "ms"))
            checks.append(try await evaluator.readiness())
            for check in customChecks {
                checks.append(skipped(check.name, check.query, unit: check.unit))
            }
        } else {
            let traffic = try await evaluator.traffic()
            checks.append(traffic.outcome)
            checks.append(try await evaluator.split(weight: canaryWeight, canaryRequests: traffic.canary,
                                                    primaryRequests: traffic.primary))
            checks.append(try await evaluator.errors(weight: canaryWeight))
            checks.append(try await evaluator.latency(weight: canaryWeight))
            var readiness = skipped("readiness", BuiltinQueries.readiness, unit: "replicas")
            readiness.detail = "the canary gets traffic; the traffic checks gate it"
            checks.append(readiness)
            for check in customChecks { checks.append(try await evaluator.custom(check)) }
        }
        return AnalysisVerdict(checks: checks, canaryWeight: canaryWeight)
    }

    func skipped(_ name: String, _ template: QueryTemplate, unit: String) -> CheckOutcome {
        CheckOutcome(name: name, result: .skipped, unit: unit, condition: "-",
                     detail: "dark launch (canary weight 0): only readiness gates the first step",
                     query: render(template, .canary))
    }

    func render(_ template: QueryTemplate, _ side: QueryTemplate.Side) -> String {
        template.rendered(for: side, workloads: workloads, window: settings.window.text)
    }
}

/// Queries and judges the built-in checks.
struct Evaluator<Source: MetricsSource> {
    let analyzer: Analyzer
    let source: Source
    let time: Instant
    var settings: AnalysisSettings { analyzer.settings }

    func value(_ template: QueryTemplate, _ side: QueryTemplate.Side) async throws(AnalysisError) -> (Double?, String) {
        let query = analyzer.render(template, side)
        return (try await source.query(query, at: time).number, query)
    }

    func readiness() async throws(AnalysisError) -> CheckOutcome {
        let (canary, query) = try await value(BuiltinQueries.readiness, .canary)
        let (primary, primaryQuery) = try await value(BuiltinQueries.readiness, .primary)
        var outcome = CheckOutcome(name: "readiness", result: .pass, canary: canary, primary: primary, threshold: 1,
                                   unit: "replicas", condition: "canary >= 1 available replica", detail: "",
                                   query: query, primaryQuery: primaryQuery)
        if let canary, canary >= 1 {
            outcome.detail = "\(NumberText.format(canary)) available replica\(canary == 1 ? "" : "s")"
        } else {
            outcome.result = .inconclusive
            outcome.detail = canary == nil
                ? "no kube_deployment_status_replicas_available or up series for \(analyzer.workloads.canary); not ready yet"
                : "no available replica yet"
        }
        return outcome
    }

    func traffic() async throws(AnalysisError) -> (outcome: CheckOutcome, canary: Double?, primary: Double?) {
        let (canary, query) = try await value(BuiltinQueries.requests, .canary)
        let (primary, primaryQuery) = try await value(BuiltinQueries.requests, .primary)
        let min = settings.minRequests
        var outcome = CheckOutcome(name: "enough-traffic", result: .pass, canary: canary, primary: primary,
                                   threshold: min, unit: "requests", condition: "canary >= \(NumberText.format(min))",
                                   detail: "", query: query, primaryQuery: primaryQuery)
        let seen = canary ?? 0
        if seen >= min {
            outcome.detail = "\(NumberText.format(seen, decimals: 0)) canary requests in \(settings.window)"
        } else {
            outcome.result = .inconclusive
            outcome.detail = "\(NumberText.format(seen, decimals: 0)) canary requests in \(settings.window), fewer than \(NumberText.format(min)); waiting for traffic"
        }
        return (outcome, canary, primary)
    }

    func split(weight: Int, canaryRequests: Double?, primaryRequests: Double?) async throws(AnalysisError) -> CheckOutcome {
        let (share, query) = try await value(BuiltinQueries.share, .canary)
        let (primaryShare, primaryQuery) = try await value(BuiltinQueries.share, .primary)
        let n = (canaryRequests ?? 0) + (primaryRequests ?? 0)
        let w = Double(weight) / 100
        let sigma = n > 0 ? 100 * (w * (1 - w) / n).squareRoot() : 0
        let tolerance = Swift.max(settings.splitTolerance, AnalysisSettings.splitSigmas * sigma)
        var outcome = CheckOutcome(name: "split", result: .pass, canary: share, primary: primaryShare,
                                   threshold: tolerance, unit: "%",
                                   condition: "|canary - \(weight)| <= \(NumberText.format(tolerance, decimals: 2))",
                                   detail: "", query: query, primaryQuery: primaryQuery)
        guard let share else {
            outcome.result = .inconclusive
            outcome.detail = "no requests to either variant in \(settings.window)"
            return outcome
        }
        if abs(share - Double(weight)) <= tolerance {
            outcome.detail = "observed \(NumberText.format(share, decimals: 1))% for a configured \(weight)%"
        } else {
            outcome.result = .inconclusive
            outcome.detail = "observed \(NumberText.format(share, decimals: 1))% but the canary weight is \(weight)%: Flux has not applied it yet (or the window still holds traffic from before the last step)"
        }
        return outcome
    }

    func errors(weight: Int) async throws(AnalysisError) -> CheckOutcome {
        let (canary, query) = try await value(BuiltinQueries.errorRatio, .canary)
        let (primary, primaryQuery) = try await value(BuiltinQueries.errorRatio, .primary)
        let increase = settings.maxErrorIncrease
        var outcome = CheckOutcome(name: "errors", result: .pass, canary: canary, primary: primary, unit: "%",
                                   condition: "canary <= primary + \(NumberText.format(increase))", detail: "",
                                   query: query, primaryQuery: primaryQuery)
        guard let canary else {
            outcome.result = .inconclusive
            outcome.detail = "no canary requests in \(settings.window)"
            return outcome
        }
        var baseline = primary
        if baseline == nil && weight == 100 {
            baseline = 0
            outcome.condition = "canary <= \(NumberText.format(increase)) (the primary gets no traffic at 100%)"
        }
        guard let baseline else {
            outcome.result = .inconclusive
            outcome.detail = "no primary requests in \(settings.window) to compare with"
            return outcome
        }
        let threshold = baseline + increase
        outcome.threshold = threshold
        if canary <= threshold {
            outcome.detail = "5xx \(NumberText.format(canary, decimals: 2))% vs primary \(NumberText.format(baseline, decimals: 2))%"
        } else {
            outcome.result = .fail
            outcome.detail = "5xx \(NumberText.format(canary, decimals: 2))% > \(NumberText.format(threshold, decimals: 2))% (primary \(NumberText.format(baseline, decimals: 2))% + \(NumberText.format(increase)))"
        }
        return outcome
    }

    func latency(weight: Int) async throws(AnalysisError) -> CheckOutcome {
        let (canary, query) = try await value(BuiltinQueries.latencyP99, .canary)
        let (primary, primaryQuery) = try await value(BuiltinQueries.latencyP99, .primary)
        let ratio = settings.maxLatencyRatio, slack = settings.latencySlackMs
        var outcome = CheckOutcome(name: "latency", result: .pass, canary: canary, primary: primary, unit: "ms",
                                   condition: "canary p99 <= primary p99 x \(NumberText.format(ratio)) + \(NumberText.format(slack)) ms",
                                   detail: "", query: query, primaryQuery: primaryQuery)
        guard let canary else {
            outcome.result = .inconclusive
            outcome.detail = "no canary latency samples in \(settings.window)"
            return outcome
        }
        guard let primary else {
            outcome.result = weight == 100 ? .skipped : .inconclusive
            outcome.detail = weight == 100 ? "the primary gets no traffic at 100%; nothing to compare with"
                : "no primary latency samples in \(settings.window) to compare with"
            return outcome
        }
        let threshold = primary * ratio + slack
        outcome.threshold = threshold
        if canary <= threshold {
            outcome.detail = "p99 \(NumberText.format(canary, decimals: 1)) ms vs primary \(NumberText.format(primary, decimals: 1)) ms"
        } else {
            outcome.result = .fail
            outcome.detail = "p99 \(NumberText.format(canary, decimals: 1)) ms > \(NumberText.format(threshold, decimals: 1)) ms (primary \(NumberText.format(primary, decimals: 1)) ms x \(NumberText.format(ratio)) + \(NumberText.format(slack)))"
        }
        return outcome
    }

    func custom(_ check: CustomCheck) async throws(AnalysisError) -> CheckOutcome {
        let (canary, query) = try await value(check.query, .canary)
        var primary: Double?
        var primaryQuery: String?
        if check.primary != nil {
            let result = try await value(check.query, .primary)
            primary = result.0
            primaryQuery = result.1
        }
        return check.evaluate(canary: canary, primary: primary, query: query, primaryQuery: primaryQuery)
    }
}
