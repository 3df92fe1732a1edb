import CanaryAdvance
import CanaryAnalysis
import CanaryQueries

/// `--gate URL`: before traffic increases, `advance` POSTs a `GatePayload` (shaped like Flagger's
/// confirm-traffic-increase webhook) and goes ahead only on a 2xx answer. Anything else (another
/// status, no answer in time, connection refused) holds the step; it is not a failure of the canary.
public struct GateClient: TrafficGate {
    /// The webhook URL.
    public let url: String
    let session: HTTPSession

    /// A gate at `url` over `session`.
    /// - Throws: `AnalysisError.invalidURL` when `url` is not an http(s) URL.
    public init(url: String, session: HTTPSession) throws(AnalysisError) {
        guard URLQuery.base(url) != nil else { throw .invalidURL(option: "--gate", url: url) }
        self.url = url
        self.session = session
    }

    /// nil on a 2xx answer, else why the gate is closed.
    public func confirm(
        workloads: CanaryWorkloads, from: Int, to: Int, promote: Bool,
        report: AnalysisReport
    ) async -> GateRefusal? {
        let payload = GatePayload(workloads: workloads, from: from, to: to, promote: promote, report: report)
        let answer: HTTPSession.Answer
        do {
            answer = try await session.send(
                .post, url: url, headers: [("Content-Type", "application/json")],
                body: Array(AnalysisJSON.compact(payload).utf8))
        } catch {
            return .unreachable(url: url, reason: error)
        }
        if (200..<300).contains(answer.status) { return nil }
        let text = answer.text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return .status(url: url, code: answer.status, body: String(text.prefix(200)))
    }
}

/// The body `GateClient` posts: Flagger's webhook payload (`name`, `namespace`, `phase`,
/// `checksum`, `metadata` of strings).
public struct GatePayload: Sendable, Equatable, Codable {
    /// kserve-general's group.
    public var name: String
    /// The namespace of the workloads.
    public var namespace: String
    /// `Progressing`, or `Promoting` for the step after the last.
    public var phase: String
    /// The canary's storage URI (what identifies this canary).
    public var checksum: String
    /// The details, all strings as in Flagger's `metadata` map.
    public var metadata: Metadata

    /// The step and the analysis behind it.
    public struct Metadata: Sendable, Equatable, Codable {
        /// `<group>-canary-predictor`, `<group>-primary-predictor`.
        public var canaryWorkload: String, primaryWorkload: String
        /// The canary's storage URI.
        public var newStorageUri: String
        /// The canary weight now and after the step, as decimal strings.
        public var canaryWeight: String, nextCanaryWeight: String
        /// `true` for the step after the last.
        public var promote: String
        /// The analysis' verdict.
        public var verdict: String
        /// The file as named on the command line.
        public var file: String
    }

    /// The payload for moving `workloads`' canary from `from` to `to` percent.
    public init(workloads: CanaryWorkloads, from: Int, to: Int, promote: Bool, report: AnalysisReport) {
        name = workloads.group
        namespace = workloads.namespace
        phase = promote ? "Promoting" : "Progressing"
        checksum = report.newStorageUri
        metadata = Metadata(
            canaryWorkload: workloads.canary, primaryWorkload: workloads.primary,
            newStorageUri: report.newStorageUri, canaryWeight: String(from),
            nextCanaryWeight: String(to), promote: String(promote),
            verdict: report.verdict.result.rawValue, file: report.file)
    }
}
