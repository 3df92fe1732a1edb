import CanaryAnalysis
import YAMLEditing
import YAMLStream

/// The decision, its edits and a one-line summary.
public struct AdvanceOutcome: Sendable {
    /// What was decided.
    public var decision: AdvanceDecision
    /// One line: verdict, numbers and what happened.
    public var summary: String
    /// The analysis (nil when idle).
    public var report: AnalysisReport?
    /// The state read from the file, and the state after the edits.
    public var before: AdvanceState, after: AdvanceState
    /// The edits to write (empty: the file stays as it is).
    public var edits: [ByteEdit]
    /// Canary weight before and after.
    public var weightBefore: Int, weightAfter: Int

    /// `advance --output json`: `file`, `decision`, `verdict`, `summary`, `changed`, `dryRun`,
    /// `canaryWeight`, `nextCanaryWeight`, `failures`, `maxFailures`, `stateBefore`, `stateAfter`,
    /// `analysis` (the `analyze --output json` document); keys sorted by `AnalysisJSON`, absent
    /// values `null`.
    public struct Document: Sendable, Equatable, Codable {
        /// The file as named on the command line.
        public var file: String
        /// What was decided.
        public var decision: AdvanceDecision
        /// The analysis' verdict (null when idle).
        public var verdict: CheckResult?
        /// The one-line summary.
        public var summary: String
        /// Whether there are edits (written unless `dryRun`).
        public var changed: Bool
        /// `--dry-run`.
        public var dryRun: Bool
        /// Canary weight before and after.
        public var canaryWeight: Int, nextCanaryWeight: Int
        /// Failures recorded after this run, and `--max-failures`.
        public var failures: Int, maxFailures: Int
        /// The state read, and the state after the edits.
        public var stateBefore: AdvanceState, stateAfter: AdvanceState
        /// The analysis (null when idle).
        public var analysis: AnalysisReport.Document?

        enum CodingKeys: String, CodingKey {
            case file, decision, verdict, summary, changed, dryRun, canaryWeight, nextCanaryWeight, failures
            case maxFailures, stateBefore, stateAfter, analysis
        }

        /// Every key, `null` when absent.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(file, forKey: .file)
            try c.encode(decision, forKey: .decision)
            try c.encode(verdict, forKey: .verdict)
            try c.encode(summary, forKey: .summary)
            try c.encode(changed, forKey: .changed)
            try c.encode(dryRun, forKey: .dryRun)
            try c.encode(canaryWeight, forKey: .canaryWeight)
            try c.encode(nextCanaryWeight, forKey: .nextCanaryWeight)
            try c.encode(failures, forKey: .failures)
            try c.encode(maxFailures, forKey: .maxFailures)
            try c.encode(stateBefore, forKey: .stateBefore)
            try c.encode(stateAfter, forKey: .stateAfter)
            try c.encode(analysis, forKey: .analysis)
        }
    }

    /// The outcome as its JSON document.
    public func document(file: String, dryRun: Bool, maxFailures: Int) -> Document {
        Document(
            file: file, decision: decision, verdict: report?.verdict.result, summary: summary,
            changed: !edits.isEmpty, dryRun: dryRun, canaryWeight: weightBefore, nextCanaryWeight: weightAfter,
            failures: after.failures, maxFailures: maxFailures, stateBefore: before, stateAfter: after,
            analysis: report?.document)
    }
}
