import CanaryQueries

/// A check from `--checks FILE` or a `kserve-canary.io/checks` ConfigMap: a PromQL template with
/// bounds on the canary's value and/or a comparison with the primary's value of the same query.
struct CustomCheck: Sendable, Equatable {
    /// Unique name (lower-case letters, digits, `-`), not one of the built-in names.
    var name: String
    /// The PromQL template.
    var query: QueryTemplate
    /// The canary's value must be at least this.
    var min: Double?
    /// The canary's value must be at most this.
    var max: Double?
    /// The comparison with the primary, if any.
    var primary: Comparison?
    /// What no data means: `inconclusive` (default), `pass` or `fail`.
    var noData: CheckResult
    /// The values' unit, for the report.
    var unit: String

    /// Bounds relative to the primary's value `p` of the same query (placeholders exchanged).
    struct Comparison: Sendable, Equatable {
        /// canary <= p * maxRatio + slack.
        var maxRatio: Double?
        /// canary <= p + maxIncrease.
        var maxIncrease: Double?
        /// canary >= p * minRatio - slack.
        var minRatio: Double?
        /// canary >= p - maxDecrease.
        var maxDecrease: Double?
        /// Absolute slack for the ratios (default 0).
        var slack: Double

        /// Creates a comparison.
        init(
            maxRatio: Double? = nil, maxIncrease: Double? = nil, minRatio: Double? = nil,
            maxDecrease: Double? = nil, slack: Double = 0
        ) {
            self.maxRatio = maxRatio
            self.maxIncrease = maxIncrease
            self.minRatio = minRatio
            self.maxDecrease = maxDecrease
            self.slack = slack
        }

        /// The strictest upper bound for primary value `p`, if any.
        func upper(_ p: Double) -> Double? {
            let bounds = [maxRatio.map { p * $0 + slack }, maxIncrease.map { p + $0 }].compactMap { $0 }
            return bounds.min()
        }

        /// The strictest lower bound for primary value `p`, if any.
        func lower(_ p: Double) -> Double? {
            let bounds = [minRatio.map { p * $0 - slack }, maxDecrease.map { p - $0 }].compactMap { $0 }
            return bounds.max()
        }

        var words: [String] {
            var out: [String] = []
            let s = slack == 0 ? "" : " + \(NumberText.format(slack))"
            let m = slack == 0 ? "" : " - \(NumberText.format(slack))"
            if let r = maxRatio { out.append("canary <= primary x \(NumberText.format(r))\(s)") }
            if let i = maxIncrease { out.append("canary <= primary + \(NumberText.format(i))") }
            if let r = minRatio { out.append("canary >= primary x \(NumberText.format(r))\(m)") }
            if let d = maxDecrease { out.append("canary >= primary - \(NumberText.format(d))") }
            return out
        }
    }

    /// Creates a check.
    init(
        name: String, query: QueryTemplate, min: Double? = nil, max: Double? = nil,
        primary: Comparison? = nil, noData: CheckResult = .inconclusive, unit: String = ""
    ) {
        self.name = name
        self.query = query
        self.min = min
        self.max = max
        self.primary = primary
        self.noData = noData
        self.unit = unit
    }

    /// The condition in words.
    var condition: String {
        var parts: [String] = []
        if let min { parts.append("canary >= \(NumberText.format(min))") }
        if let max { parts.append("canary <= \(NumberText.format(max))") }
        parts += primary?.words ?? []
        return parts.joined(separator: ", ")
    }

    /// Judges canary value `c` (and primary value `p` for a comparison).
    func evaluate(canary c: Double?, primary p: Double?, query: String, primaryQuery: String?) -> CheckOutcome {
        var outcome = CheckOutcome(
            name: name, result: .pass, canary: c, primary: p, unit: unit,
            condition: condition, detail: "", query: query, primaryQuery: primaryQuery)
        guard let c, primary == nil || p != nil else {
            outcome.result = noData
            outcome.detail =
                (c == nil ? "the canary query" : "the primary query") + " returned no data"
                + (noData == .inconclusive ? "" : "; noData: \(noData.rawValue)")
            return outcome
        }
        var upper = max
        var lower = min
        if let comparison = primary, let p {
            if let u = comparison.upper(p) { upper = upper.map { Swift.min($0, u) } ?? u }
            if let l = comparison.lower(p) { lower = lower.map { Swift.max($0, l) } ?? l }
        }
        outcome.threshold = upper ?? lower
        if let upper, c > upper {
            outcome.result = .fail
            outcome.threshold = upper
            outcome.detail = "canary \(NumberText.format(c)) > \(NumberText.format(upper))"
        } else if let lower, c < lower {
            outcome.result = .fail
            outcome.threshold = lower
            outcome.detail = "canary \(NumberText.format(c)) < \(NumberText.format(lower))"
        } else {
            let bounds = [lower.map { ">= \(NumberText.format($0))" }, upper.map { "<= \(NumberText.format($0))" }]
            outcome.detail = "within " + bounds.compactMap { $0 }.joined(separator: " and ")
        }
        return outcome
    }
}
