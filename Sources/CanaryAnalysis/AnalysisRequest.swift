import CanaryLifecycle
import CanaryQueries
import YAMLSource
import YAMLStream

/// Everything `analyze` needs besides the metrics: the file's values, names, time, thresholds
/// and where the custom checks come from.
public struct AnalysisRequest: Sendable {
    /// The file as named on the command line.
    public var file: String
    /// The Prometheus URL (for the report).
    public var prometheus: String
    /// `--namespace` and `--name` overrides.
    public var namespace: String?, name: String?
    /// When to evaluate the queries.
    public var at: Instant
    /// Thresholds.
    public var settings: AnalysisSettings
    /// `--checks FILE`; nil to use the `kserve-canary.io/checks` ConfigMaps in the file.
    public var checksFile: String?

    /// Creates a request.
    public init(
        file: String, prometheus: String, namespace: String?, name: String?, at: Instant,
        settings: AnalysisSettings, checksFile: String?
    ) {
        self.file = file
        self.prometheus = prometheus
        self.namespace = namespace
        self.name = name
        self.at = at
        self.settings = settings
        self.checksFile = checksFile
    }

    /// The custom checks: `--checks FILE`, else the checks ConfigMaps of `source` labelled with the
    /// HelmRelease's name.
    func customChecks(values: CanaryValues, source: SourceBuffer) throws(AnalysisError) -> [CustomCheck] {
        if let checksFile { return try CheckFileReader.read(path: checksFile) }
        let doc = values.location.document
        guard values.location.release != nil, let root = doc.root,
            let release = doc.value(at: ["metadata", "name"], from: root).flatMap(doc.scalar)
        else { return [] }
        var documents: [YAMLDocument] = []
        _ = YAMLStreamParser().parse(source) { documents.append($0) }
        return try CheckFileReader.embedded(in: documents, release: release, file: file)
    }

    /// Analyzes the running canary of `values` (read from `source`) with `metrics`.
    /// - Throws: when no canary runs, names cannot be derived, checks are invalid or a query fails.
    public func run(
        values: CanaryValues, source: SourceBuffer,
        metrics: some MetricsSource
    ) async throws(AnalysisError) -> AnalysisReport {
        guard values.state.isRunning else {
            throw .file(
                LifecycleError(
                    .refused,
                    "no canary is running (no newStorageUri in "
                        + "\(values.location.description)); nothing to analyze"))
        }
        let workloads = try CanaryWorkloads.derive(from: values.location, namespace: namespace, name: name)
        let checks = try customChecks(values: values, source: source)
        let analyzer = Analyzer(workloads: workloads, settings: settings, customChecks: checks)
        let verdict = try await analyzer.analyze(canaryWeight: values.state.canaryWeight, at: at, source: metrics)
        return AnalysisReport(
            file: file, release: values.location.release, workloads: workloads,
            newStorageUri: values.state.newStorageUri ?? "", at: at, prometheus: prometheus,
            settings: settings, verdict: verdict)
    }
}
