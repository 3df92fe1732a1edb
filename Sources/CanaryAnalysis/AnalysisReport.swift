import CanaryLifecycle
import CanaryQueries

/// An analysis with its context, rendered for `analyze --output table|json` (and embedded in
/// `advance --output json`).
public struct AnalysisReport: Sendable {
    /// The file as named on the command line.
    public var file: String
    /// The Flux HelmRelease holding the values, nil for a values file.
    public var release: ReleaseIdentity?
    /// The workloads compared.
    public var workloads: CanaryWorkloads
    /// The canary's storage URI.
    public var newStorageUri: String
    /// When the queries were evaluated.
    public var at: Instant
    /// The Prometheus URL.
    public var prometheus: String
    /// Thresholds used.
    public var settings: AnalysisSettings
    /// The verdict and its checks.
    public var verdict: AnalysisVerdict

    /// Creates a report.
    public init(
        file: String, release: ReleaseIdentity?, workloads: CanaryWorkloads, newStorageUri: String,
        at: Instant, prometheus: String, settings: AnalysisSettings, verdict: AnalysisVerdict
    ) {
        self.file = file
        self.release = release
        self.workloads = workloads
        self.newStorageUri = newStorageUri
        self.at = at
        self.prometheus = prometheus
        self.settings = settings
        self.verdict = verdict
    }

    /// Human-readable lines: the verdict, a table of the checks, then every query.
    public var table: String {
        var out = ""
        let head: [(String, String)] = [
            ("VERDICT", "\(verdict.result.rawValue): \(verdict.reason)"),
            (
                "CANARY",
                "\(workloads.namespace)/\(workloads.canary) "
                    + "(\(verdict.canaryWeight)% of the traffic, \(newStorageUri))"
            ),
            ("PRIMARY", "\(workloads.namespace)/\(workloads.primary)"),
            ("AT", "\(at.rfc3339), window \(settings.window), \(prometheus)"),
        ]
        for (k, v) in head { out += k.padded(9) + v + "\n" }
        out += "\n"
        var rows = [["CHECK", "RESULT", "CANARY", "PRIMARY", "THRESHOLD", "UNIT", "DETAIL"]]
        for c in verdict.checks {
            rows.append([
                c.name, c.result.rawValue, c.canary.map { NumberText.format($0) } ?? "-",
                c.primary.map { NumberText.format($0) } ?? "-",
                c.threshold.map { NumberText.format($0) } ?? "-", c.unit, c.detail,
            ])
        }
        out += Self.columns(rows)
        out += "\nQUERIES\n"
        let width = (verdict.checks.map(\.name.count).max() ?? 0) + 2
        for c in verdict.checks {
            out += c.name.padded(width) + "canary   " + c.query + "\n"
            if let p = c.primaryQuery { out += "".padded(width) + "primary  " + p + "\n" }
        }
        return out
    }

    static func columns(_ rows: [[String]]) -> String {
        var widths = [Int](repeating: 0, count: rows[0].count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        let lines = rows.map { row in
            row.enumerated().map { i, cell in i == row.count - 1 ? cell : cell.padded(widths[i] + 2) }.joined()
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
