import CanaryQueries

/// Queries and judges the built-in checks (and the custom ones) for an `Analyzer`.
struct Evaluator<Source: MetricsSource> {
    let analyzer: Analyzer
    let source: Source
    let time: Instant
    var settings: AnalysisSettings { analyzer.settings }
    var window: PromDuration { settings.window }

    func value(_ template: QueryTemplate, _ side: QueryTemplate.Side) async throws(AnalysisError) -> (Double?, String) {
        let query = analyzer.render(template, side)
        return (try await source.query(query, at: time).number, query)
    }

    /// A passing outcome of `check` with both sides' values and queries, to be judged.
    func outcome(_ check: BuiltinCheck, threshold: Double? = nil, condition: String) async throws(AnalysisError)
        -> CheckOutcome
    {
        let (canary, query) = try await value(check.query, .canary)
        let (primary, primaryQuery) = try await value(check.query, .primary)
        return CheckOutcome(
            name: check.name, result: .pass, canary: canary, primary: primary, threshold: threshold,
            unit: check.unit, condition: condition, detail: "", query: query,
            primaryQuery: primaryQuery)
    }

    func readiness() async throws(AnalysisError) -> CheckOutcome {
        var outcome = try await outcome(.readiness, threshold: 1, condition: "canary >= 1 available replica")
        if let canary = outcome.canary, canary >= 1 {
            outcome.detail = "\(format(canary)) available replica\(canary == 1 ? "" : "s")"
        } else {
            outcome.result = .inconclusive
            outcome.detail =
                outcome.canary == nil
                ? "no kube_deployment_status_replicas_available or up series for \(analyzer.workloads.canary); "
                    + "not ready yet"
                : "no available replica yet"
        }
        return outcome
    }

    func traffic() async throws(AnalysisError) -> (outcome: CheckOutcome, canary: Double?, primary: Double?) {
        let min = settings.minRequests
        var outcome = try await outcome(.enoughTraffic, threshold: min, condition: "canary >= \(format(min))")
        let seen = outcome.canary ?? 0
        if seen >= min {
            outcome.detail = "\(format(seen, 0)) canary requests in \(window)"
        } else {
            outcome.result = .inconclusive
            outcome.detail =
                "\(format(seen, 0)) canary requests in \(window), fewer than \(format(min)); "
                + "waiting for traffic"
        }
        return (outcome, outcome.canary, outcome.primary)
    }

    func split(weight: Int, canaryRequests: Double?, primaryRequests: Double?) async throws(AnalysisError)
        -> CheckOutcome
    {
        let n = (canaryRequests ?? 0) + (primaryRequests ?? 0)
        let w = Double(weight) / 100
        let sigma = n > 0 ? 100 * (w * (1 - w) / n).squareRoot() : 0
        let tolerance = Swift.max(settings.splitTolerance, AnalysisSettings.splitSigmas * sigma)
        var outcome = try await outcome(
            .split, threshold: tolerance,
            condition: "|canary - \(weight)| <= \(format(tolerance, 2))")
        guard let share = outcome.canary else {
            outcome.result = .inconclusive
            outcome.detail = "no requests to either variant in \(window)"
            return outcome
        }
        if abs(share - Double(weight)) <= tolerance {
            outcome.detail = "observed \(format(share, 1))% for a configured \(weight)%"
        } else {
            outcome.result = .inconclusive
            outcome.detail =
                "observed \(format(share, 1))% but the canary weight is \(weight)%: Flux has not "
                + "applied it yet (or the window still holds traffic from before the last step)"
        }
        return outcome
    }

    func errors(weight: Int) async throws(AnalysisError) -> CheckOutcome {
        let increase = settings.maxErrorIncrease
        var outcome = try await outcome(.errors, condition: "canary <= primary + \(format(increase))")
        guard let canary = outcome.canary else {
            outcome.result = .inconclusive
            outcome.detail = "no canary requests in \(window)"
            return outcome
        }
        var baseline = outcome.primary
        if baseline == nil && weight == 100 {
            baseline = 0
            outcome.condition = "canary <= \(format(increase)) (the primary gets no traffic at 100%)"
        }
        guard let baseline else {
            outcome.result = .inconclusive
            outcome.detail = "no primary requests in \(window) to compare with"
            return outcome
        }
        let threshold = baseline + increase
        outcome.threshold = threshold
        if canary <= threshold {
            outcome.detail = "5xx \(format(canary, 2))% vs primary \(format(baseline, 2))%"
        } else {
            outcome.result = .fail
            outcome.detail =
                "5xx \(format(canary, 2))% > \(format(threshold, 2))% "
                + "(primary \(format(baseline, 2))% + \(format(increase)))"
        }
        return outcome
    }

    func latency(weight: Int) async throws(AnalysisError) -> CheckOutcome {
        let ratio = settings.maxLatencyRatio
        let slack = settings.latencySlackMs
        var outcome = try await outcome(
            .latency, condition: "canary p99 <= primary p99 x \(format(ratio)) + \(format(slack)) ms")
        guard let canary = outcome.canary else {
            outcome.result = .inconclusive
            outcome.detail = "no canary latency samples in \(window)"
            return outcome
        }
        guard let primary = outcome.primary else {
            outcome.result = weight == 100 ? .skipped : .inconclusive
            outcome.detail =
                weight == 100
                ? "the primary gets no traffic at 100%; nothing to compare with"
                : "no primary latency samples in \(window) to compare with"
            return outcome
        }
        let threshold = primary * ratio + slack
        outcome.threshold = threshold
        if canary <= threshold {
            outcome.detail = "p99 \(format(canary, 1)) ms vs primary \(format(primary, 1)) ms"
        } else {
            outcome.result = .fail
            outcome.detail =
                "p99 \(format(canary, 1)) ms > \(format(threshold, 1)) ms "
                + "(primary \(format(primary, 1)) ms x \(format(ratio)) + \(format(slack)))"
        }
        return outcome
    }

    func custom(_ check: CustomCheck) async throws(AnalysisError) -> CheckOutcome {
        let (canary, query) = try await value(check.query, .canary)
        var primary: Double?
        var primaryQuery: String?
        if check.primary != nil {
            (primary, primaryQuery) = try await value(check.query, .primary)
        }
        return check.evaluate(canary: canary, primary: primary, query: query, primaryQuery: primaryQuery)
    }

    func format(_ value: Double, _ decimals: Int = 3) -> String { NumberText.format(value, decimals: decimals) }
}
