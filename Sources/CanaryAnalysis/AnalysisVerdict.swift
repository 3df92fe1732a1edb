/// The verdict of an analysis and the checks behind it.
public struct AnalysisVerdict: Sendable, Equatable {
    /// `pass`, `fail` or `inconclusive` (never `skipped`).
    public var result: CheckResult
    /// Every check, built-in first, in a fixed order.
    public var checks: [CheckOutcome]
    /// The canary weight the analysis assumed (from the file).
    public var canaryWeight: Int
    /// Why: the deciding check and its detail.
    public var reason: String

    /// Aggregates `checks` (see `Analyzer`).
    public init(checks: [CheckOutcome], canaryWeight: Int) {
        self.checks = checks
        self.canaryWeight = canaryWeight
        func describe(_ c: CheckOutcome) -> String { "\(c.name): \(c.detail)" }
        func isPrecondition(_ c: CheckOutcome) -> Bool { BuiltinCheck(rawValue: c.name)?.isPrecondition ?? false }
        if let blocked = checks.first(where: { isPrecondition($0) && $0.result == .inconclusive }) {
            result = .inconclusive
            reason = describe(blocked)
        } else if checks.contains(where: { $0.result == .fail }) {
            result = .fail
            reason = checks.filter { $0.result == .fail }.map(describe).joined(separator: "; ")
        } else if let open = checks.first(where: { $0.result == .inconclusive }) {
            result = .inconclusive
            reason = describe(open)
        } else {
            result = .pass
            let decisive = checks.filter { $0.result == .pass }.map(\.name)
            reason = decisive.isEmpty ? "no check applies" : "all checks pass (\(decisive.joined(separator: ", ")))"
        }
    }

    /// A one-line summary of the numbers, for commit messages:
    /// `600 canary requests, split 10%/10%, 5xx 0.5% vs 0.5%, p99 100 vs 100 ms`.
    public var numbers: String {
        func check(_ builtin: BuiltinCheck) -> CheckOutcome? {
            checks.first { $0.name == builtin.name && $0.result != .skipped }
        }
        func number(_ value: Double, _ decimals: Int) -> String { NumberText.format(value, decimals: decimals) }
        var parts: [String] = []
        if let r = check(.readiness), let c = r.canary { parts.append("ready \(NumberText.format(c)) replicas") }
        if let t = check(.enoughTraffic) { parts.append("\(number(t.canary ?? 0, 0)) canary requests") }
        if let s = check(.split), let c = s.canary { parts.append("split \(number(c, 1))%/\(canaryWeight)%") }
        if let e = check(.errors), let c = e.canary {
            parts.append("5xx \(number(c, 2))% vs \(e.primary.map { number($0, 2) + "%" } ?? "-")")
        }
        if let l = check(.latency), let c = l.canary {
            parts.append("p99 \(number(c, 1)) vs \(l.primary.map { number($0, 1) } ?? "-") ms")
        }
        return parts.joined(separator: ", ")
    }

    /// Exit status of `analyze`: 0 pass, 2 fail, 3 inconclusive.
    public var exitStatus: Int32 {
        switch result {
        case .pass: 0
        case .fail: 2
        default: 3
        }
    }
}
