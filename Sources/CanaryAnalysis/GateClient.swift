/// `--gate URL`: before traffic increases, `advance` POSTs a JSON payload shaped like Flagger's
/// confirm-traffic-increase webhook (`name`, `namespace`, `phase`, `metadata`) and goes ahead only
/// on a 2xx answer. Anything else (another status, no answer in time, connection refused) holds
/// the step; it is not a failure of the canary.
public struct GateClient: TrafficGate {
    /// The webhook URL.
    public let url: String
    let session: HTTPSession

    /// A gate at `url` over `session`.
    /// - Throws: `AnalysisError.invalid` when `url` is not an http(s) URL.
    public init(url: String, session: HTTPSession) throws(AnalysisError) {
        guard URLQuery.base(url) != nil else { throw .invalid("--gate must be an http:// or https:// URL, got `\(url)`") }
        self.url = url
        self.session = session
    }

    /// The JSON body sent for a step.
    public static func payload(workloads: CanaryWorkloads, from: Int, to: Int, promote: Bool,
                               report: AnalysisReport) -> String {
        JSONText.object([
            ("name", .string(workloads.group)),
            ("namespace", .string(workloads.namespace)),
            ("phase", .string(promote ? "Promoting" : "Progressing")),
            ("checksum", .string(report.newStorageUri)),
            ("metadata", .object([
                ("canaryWorkload", .string(workloads.canary)),
                ("primaryWorkload", .string(workloads.primary)),
                ("newStorageUri", .string(report.newStorageUri)),
                ("canaryWeight", .string(String(from))),
                ("nextCanaryWeight", .string(String(to))),
                ("promote", .string(String(promote))),
                ("verdict", .string(report.verdict.result.rawValue)),
                ("file", .string(report.file)),
            ])),
        ]).compact
    }

    /// nil on a 2xx answer, else why the gate is closed.
    public func confirm(workloads: CanaryWorkloads, from: Int, to: Int, promote: Bool, report: AnalysisReport) async -> String? {
        let body = Self.payload(workloads: workloads, from: from, to: to, promote: promote, report: report)
        do {
            let answer = try await session.send("POST", url: url, headers: [("Content-Type", "application/json")],
                                                body: Array(body.utf8))
            if (200..<300).contains(answer.status) { return nil }
            let text = answer.text.split(whereSeparator: \.isNewline).joined(separator: " ")
            return "the gate \(url) answered HTTP \(answer.status)" + (text.isEmpty ? "" : ": \(text.prefix(200))")
        } catch {
            return "the gate \(url) did not answer: \(HTTPSession.describe(error))"
        }
    }
}
