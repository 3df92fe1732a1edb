import CanaryLifecycle

extension AnalysisReport {
    /// `analyze --output json` (and `analysis` in `advance --output json`): `verdict`, `reason`,
    /// `checks` and the context (docs/progressive-delivery.md), keys sorted by `AnalysisJSON`.
    /// Absent values are `null`, never left out.
    public struct Document: Sendable, Equatable, Codable {
        /// `pass`, `fail` or `inconclusive`.
        public var verdict: CheckResult
        /// The deciding check and its detail.
        public var reason: String
        /// Every check, built-in first.
        public var checks: [CheckOutcome]
        /// The file as named on the command line.
        public var file: String
        /// The HelmRelease as `namespace/name` (`name` without a namespace), null for a values file.
        public var release: String?
        /// The namespace of the workloads.
        public var namespace: String
        /// kserve-general's group.
        public var group: String
        /// `<group>-canary-predictor`.
        public var canaryWorkload: String
        /// `<group>-primary-predictor`.
        public var primaryWorkload: String
        /// The canary weight the analysis assumed.
        public var canaryWeight: Int
        /// The canary's storage URI.
        public var newStorageUri: String
        /// `--window` as written.
        public var window: String
        /// When the queries were evaluated, RFC 3339.
        public var at: String
        /// The same instant in unix seconds.
        public var time: Double
        /// The Prometheus URL.
        public var prometheus: String

        enum CodingKeys: String, CodingKey {
            case verdict, reason, checks, file, release, namespace, group, canaryWorkload, primaryWorkload
            case canaryWeight, newStorageUri, window, at, time, prometheus
        }

        /// Every key, `null` when absent; `time` rounded to 6 decimals.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(verdict, forKey: .verdict)
            try c.encode(reason, forKey: .reason)
            try c.encode(checks, forKey: .checks)
            try c.encode(file, forKey: .file)
            try c.encode(release, forKey: .release)
            try c.encode(namespace, forKey: .namespace)
            try c.encode(group, forKey: .group)
            try c.encode(canaryWorkload, forKey: .canaryWorkload)
            try c.encode(primaryWorkload, forKey: .primaryWorkload)
            try c.encode(canaryWeight, forKey: .canaryWeight)
            try c.encode(newStorageUri, forKey: .newStorageUri)
            try c.encode(window, forKey: .window)
            try c.encode(at, forKey: .at)
            try c.encode(NumberText.json(time), forKey: .time)
            try c.encode(prometheus, forKey: .prometheus)
        }
    }

    /// The report as its JSON document.
    public var document: Document {
        Document(
            verdict: verdict.result, reason: verdict.reason, checks: verdict.checks, file: file,
            release: release.map { ($0.namespace.map { "\($0)/" } ?? "") + $0.name },
            namespace: workloads.namespace, group: workloads.group, canaryWorkload: workloads.canary,
            primaryWorkload: workloads.primary, canaryWeight: verdict.canaryWeight,
            newStorageUri: newStorageUri, window: settings.window.text, at: at.rfc3339, time: at.seconds,
            prometheus: prometheus)
    }
}
