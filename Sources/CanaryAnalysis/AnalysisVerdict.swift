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

    /// The checks whose inconclusive result makes the whole analysis inconclusive, whatever the others say.
    public static let preconditions: Set<String> = ["enough-traffic", "split"]

    /// Aggregates `checks` (see `Analyzer`).
    public init(checks: [CheckOutcome], canaryWeight: Int) {
        self.checks = checks
        self.canaryWeight = canaryWeight
        func describe(_ c: CheckOutcome) -> String { "\(c.name): \(c.detail)" }
        if let blocked = checks.first(where: { Self.preconditions.contains($0.name) && $0.result == .inconclusive }) {
            result = .inconclusive
            reason = describe(blocked)
        } else if let failed = checks.first(where: { $0.result == .fail }) {
            result = .fail
            reason = checks.filter { $0.result == .fail }.map(describe).joined(separator: "; ")
            _ = failed
        } else if let open = checks.first(where: { $0.result == .inconclusive }) {
            result = .inconclusive
            reason = describe(open)
        } else {
            result = .pass
            let decisive = checks.filter { $0.result == .pass }.map(\.name)
            reason = decisive.isEmpty ? "no check applies" : "all checks pass (" + decisive.joined(separator: ", ") + ")"
        }
    }

    /// A one-line summary of the numbers, for commit messages: `canary 412 req, 5xx 0.2% vs 0.3%, p99 48 ms vs 45 ms`.
    public var numbers: String {
        func check(_ name: String) -> CheckOutcome? { checks.first { $0.name == name && $0.result != .skipped } }
        var parts: [String] = []
        if let r = check("readiness"), let c = r.canary { parts.append("ready \(NumberText.format(c)) replicas") }
        if let t = check("enough-traffic") { parts.append("\(NumberText.format(t.canary ?? 0, decimals: 0)) canary requests") }
        if let s = check("split"), let c = s.canary { parts.append("split \(NumberText.format(c, decimals: 1))%/\(canaryWeight)%") }
        if let e = check("errors"), let c = e.canary {
            parts.append("5xx \(NumberText.format(c, decimals: 2))% vs \(e.primary.map { NumberText.format($0, decimals: 2) + "%" } ?? "-")")
        }
        if let l = check("latency"), let c = l.canary {
            parts.append("p99 \(NumberText.format(c, decimals: 1)) vs \(l.primary.map { NumberText.format($0, decimals: 1) } ?? "-") ms")
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
