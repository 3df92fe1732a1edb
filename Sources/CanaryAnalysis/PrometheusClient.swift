import FoundationEssentials

/// What an instant query returned: one number, or nothing (no series, or NaN, which Prometheus
/// returns for 0/0).
public enum QueryValue: Sendable, Equatable {
    /// No series, or a NaN value.
    case empty
    /// The single series' (or scalar's) value.
    case value(Double)

    /// The value, if any.
    public var number: Double? {
        if case .value(let v) = self { return v }
        return nil
    }
}

/// Where query results come from. `PrometheusClient` is the real one; a source answers instant
/// queries at a given time.
public protocol MetricsSource: Sendable {
    /// Evaluates `query` at `time`.
    func query(_ query: String, at time: Instant) async throws(AnalysisError) -> QueryValue
}

/// Prometheus' HTTP API (`GET /api/v1/query`), as Flagger's provider uses it: instant queries,
/// one number each.
public struct PrometheusClient: MetricsSource {
    /// The server as given (`http://prometheus.monitoring:9090`, maybe with a path prefix).
    public let url: String
    let base: String
    let session: HTTPSession

    /// A client for `url` over `session`.
    /// - Throws: `AnalysisError.invalid` when `url` is not an http(s) URL.
    public init(url: String, session: HTTPSession) throws(AnalysisError) {
        guard let base = URLQuery.base(url) else {
            throw .invalid("--prometheus must be an http:// or https:// URL, got `\(url)`")
        }
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
            answer = try await session.send("GET", url: request, headers: [("Accept", "application/json")])
        } catch {
            throw .unreachable(url: url, reason: HTTPSession.describe(error))
        }
        return try Self.decode(answer, query: query)
    }

    /// Reads an API answer (also used for error answers, which carry `error` and `errorType`).
    static func decode(_ answer: HTTPSession.Answer, query: String) throws(AnalysisError) -> QueryValue {
        let response: APIResponse
        do {
            response = try JSONDecoder().decode(APIResponse.self, from: Data(answer.body))
        } catch {
            let excerpt = String(answer.text.prefix(120)).split(whereSeparator: \.isNewline).joined(separator: " ")
            throw .badAnswer(query: query, reason: "HTTP \(answer.status), not a Prometheus API answer: \(excerpt)")
        }
        guard response.status == "success", (200..<300).contains(answer.status) else {
            let kind = response.errorType.map { "\($0): " } ?? ""
            throw .badAnswer(query: query, reason: "HTTP \(answer.status), \(kind)\(response.error ?? "status \(response.status)")")
        }
        guard let data = response.data else {
            throw .badAnswer(query: query, reason: "the answer has no data")
        }
        switch data.result {
        case .scalar(let text):
            return try value(text, query)
        case .vector(let samples):
            if samples.isEmpty { return .empty }
            guard samples.count == 1 else {
                throw .badAnswer(query: query, reason: "\(samples.count) series (\(samples.prefix(3).map(\.labels).joined(separator: ", "))); aggregate the query to one series, e.g. with sum(...) or max(...)")
            }
            guard let text = samples[0].value else {
                throw .badAnswer(query: query, reason: "the series has no float value (a native histogram?)")
            }
            return try value(text, query)
        case .other(let type):
            throw .badAnswer(query: query, reason: "the result is a \(type), not an instant vector or scalar")
        }
    }

    static func value(_ text: String, _ query: String) throws(AnalysisError) -> QueryValue {
        guard let number = Double(text) else {
            throw .badAnswer(query: query, reason: "`\(text)` is not a number")
        }
        return number.isNaN ? .empty : .value(number)
    }
}

/// `{"status": ..., "data": {"resultType": ..., "result": ...}, "errorType": ..., "error": ...}`.
struct APIResponse: Decodable {
    var status: String
    var data: ResultData?
    var errorType: String?
    var error: String?
}

struct ResultData: Decodable {
    enum Result {
        case vector([Sample])
        case scalar(String)
        case other(String)
    }

    struct Sample: Decodable {
        var metric: [String: String]
        var value: String?

        enum CodingKeys: String, CodingKey { case metric, value }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            metric = try container.decodeIfPresent([String: String].self, forKey: .metric) ?? [:]
            if var pair = try? container.nestedUnkeyedContainer(forKey: .value) {
                _ = try pair.decode(Double.self)
                value = try pair.decode(String.self)
            }
        }

        var labels: String {
            "{" + metric.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ",") + "}"
        }
    }

    var result: Result

    enum CodingKeys: String, CodingKey { case resultType, result }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .resultType)
        switch type {
        case "vector":
            result = .vector(try container.decode([Sample].self, forKey: .result))
        case "scalar":
            var pair = try container.nestedUnkeyedContainer(forKey: .result)
            _ = try pair.decode(Double.self)
            result = .scalar(try pair.decode(String.self))
        default:
            result = .other(type == "matrix" ? "range vector (matrix)" : type)
        }
    }
}
