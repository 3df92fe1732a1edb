import CanaryLifecycle
import CanaryQueries

/// Runs the checks against a metrics source and reaches a verdict. Reads nothing but metrics.
///
/// At canary weight 0 (dark launch) the only gate is **readiness**. With traffic, **enough
/// traffic** and **split applied** are preconditions (either inconclusive makes the verdict
/// inconclusive: too little evidence, or traffic that is not yet split as configured); then any
/// failed check fails the analysis, any remaining inconclusive one makes it inconclusive, and
/// otherwise it passes.
struct Analyzer: Sendable {
    /// The workloads compared.
    var workloads: CanaryWorkloads
    /// Thresholds.
    var settings: AnalysisSettings
    /// Custom checks.
    var customChecks: [CustomCheck]

    /// Creates an analyzer.
    init(workloads: CanaryWorkloads, settings: AnalysisSettings, customChecks: [CustomCheck] = []) {
        self.workloads = workloads
        self.settings = settings
        self.customChecks = customChecks
    }

    /// Analyzes a running canary with `canaryWeight` percent of the traffic at `time`.
    func analyze(
        canaryWeight: Int, at time: Instant,
        source: some MetricsSource
    ) async throws(AnalysisError) -> AnalysisVerdict {
        let evaluator = Evaluator(analyzer: self, source: source, time: time)
        var checks: [CheckOutcome] = []
        if canaryWeight == 0 {
            for check in [BuiltinCheck.enoughTraffic, .split, .errors, .latency] {
                checks.append(skipped(check.name, check.query, unit: check.unit))
            }
            checks.append(try await evaluator.readiness())
            for check in customChecks {
                checks.append(skipped(check.name, check.query, unit: check.unit))
            }
        } else {
            let traffic = try await evaluator.traffic()
            checks.append(traffic.outcome)
            checks.append(
                try await evaluator.split(
                    weight: canaryWeight, canaryRequests: traffic.canary,
                    primaryRequests: traffic.primary))
            checks.append(try await evaluator.errors(weight: canaryWeight))
            checks.append(try await evaluator.latency(weight: canaryWeight))
            let ready = BuiltinCheck.readiness
            var readiness = skipped(ready.name, ready.query, unit: ready.unit)
            readiness.detail = "the canary gets traffic; the traffic checks gate it"
            checks.append(readiness)
            for check in customChecks { checks.append(try await evaluator.custom(check)) }
        }
        return AnalysisVerdict(checks: checks, canaryWeight: canaryWeight)
    }

    func skipped(_ name: String, _ template: QueryTemplate, unit: String) -> CheckOutcome {
        CheckOutcome(
            name: name, result: .skipped, unit: unit, condition: "-",
            detail: "dark launch (canary weight 0): only readiness gates the first step",
            query: render(template, .canary))
    }

    func render(_ template: QueryTemplate, _ side: QueryTemplate.Side) -> String {
        template.rendered(for: side, workloads: workloads, window: settings.window.text)
    }
}
