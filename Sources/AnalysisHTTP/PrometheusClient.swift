import CanaryAnalysis
import CanaryQueries
import FoundationEssentials

/// Prometheus' HTTP API (`GET /api/v1/query`), as Flagger's provider uses it: instant queries,
/// one number each.
public struct PrometheusClient: MetricsSource {
    /// The server as given (`http://prometheus.monitoring:9090`, maybe with a path prefix).
    public let url: String
    let base: String
    let session: HTTPSession

    /// A client for `url` over `session`.
    /// - Throws: `AnalysisError.invalidURL` when `url` is not an http(s) URL.
    public init(url: String, session: HTTPSession) throws(AnalysisError) {
        guard let base = URLQuery.base(url) else { throw .invalidURL(option: "--prometheus", url: url) }
        self.url = url
        self.base = base
        self.session = session
    }

    /// Evaluates `query` at `time`. Several series, a range vector or a string are refused: the
    /// checks compare single numbers (aggregate with `sum`, `max`, ...).
    public func query(_ query: String, at time: Instant) async throws(AnalysisError) -> QueryValue {
        let request = base + "/api/v1/query?query=" + URLQuery.encode(query) + "&time=" + time.prometheusTime
        let answer: HTTPSession.Answer
        do {
            answer = try await session.send(.get, url: request, headers: [("Accept", "application/json")])
        } catch {
            throw .unreachable(url: url, reason: error)
        }
        do {
            return try Self.decode(answer)
        } catch {
            throw .badAnswer(query: query, problem: error)
        }
    }

    /// Reads an API answer (also error answers, which carry `error` and `errorType`).
    static func decode(_ answer: HTTPSession.Answer) throws(AnswerProblem) -> QueryValue {
        let response: APIResponse
        do {
            response = try JSONDecoder().decode(APIResponse.self, from: Data(answer.body))
        } catch {
            let excerpt = String(answer.text.prefix(120)).split(whereSeparator: \.isNewline).joined(separator: " ")
            throw .notAnAPIAnswer(status: answer.status, excerpt: excerpt)
        }
        guard response.status == "success", (200..<300).contains(answer.status) else {
            throw .apiError(
                status: answer.status, errorType: response.errorType, error: response.error,
                apiStatus: response.status)
        }
        guard let data = response.data else { throw .noData }
        switch data.result {
        case .scalar(let text):
            return try value(text)
        case .vector(let samples):
            if samples.isEmpty { return .empty }
            guard samples.count == 1 else {
                throw .severalSeries(count: samples.count, labels: samples.prefix(3).map(\.labels))
            }
            guard let text = samples[0].value else { throw .noFloatValue }
            return try value(text)
        case .other(let type):
            throw .notInstant(resultType: type)
        }
    }

    static func value(_ text: String) throws(AnswerProblem) -> QueryValue {
        guard let number = Double(text) else { throw .notANumber(text) }
        return number.isNaN ? .empty : .value(number)
    }
}
