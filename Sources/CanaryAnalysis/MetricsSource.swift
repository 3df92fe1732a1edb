import CanaryQueries

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

/// Where query results come from; a source answers instant queries at a given time. The real one
/// is `PrometheusClient` (target AnalysisHTTP); the checks know nothing of HTTP.
public protocol MetricsSource: Sendable {
    /// Evaluates `query` at `time`.
    func query(_ query: String, at time: Instant) async throws(AnalysisError) -> QueryValue
}

/// Why a request got no answer (`AnalysisError.unreachable`, a closed `--gate`).
public enum TransportFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing listens at the address.
    case connectionRefused
    /// The connection was not established in time.
    case connectTimeout
    /// The answer did not arrive in time.
    case noAnswerInTime
    /// The server closed the connection before answering.
    case closedByServer
    /// The answer is longer than the limit (bytes, when known).
    case answerTooLarge(limit: Int?)
    /// Anything else (DNS, TLS, ...), as the HTTP library describes it.
    case other(String)

    /// A few words.
    public var description: String {
        switch self {
        case .connectionRefused: "connection refused"
        case .connectTimeout: "connection timed out"
        case .noAnswerInTime: "no answer in time"
        case .closedByServer: "the server closed the connection"
        case .answerTooLarge(let limit): "the answer is over \(limit.map(String.init) ?? "the limit") bytes"
        case .other(let text): text
        }
    }
}

/// Why an answer of Prometheus' HTTP API is not one number (`AnalysisError.badAnswer`).
public enum AnswerProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The body is not an API answer (another server, a wrong path prefix): status and an excerpt.
    case notAnAPIAnswer(status: Int, excerpt: String)
    /// An API error (`errorType`, `error`) or a non-2xx status.
    case apiError(status: Int, errorType: String?, error: String?, apiStatus: String)
    /// A success without `data`.
    case noData
    /// More than one series: how many, and the label sets of the first three.
    case severalSeries(count: Int, labels: [String])
    /// The series carries no float sample (a native histogram).
    case noFloatValue
    /// A range vector or a string.
    case notInstant(resultType: String)
    /// The sample value is not a number.
    case notANumber(String)

    /// The reason, in words.
    public var description: String {
        switch self {
        case .notAnAPIAnswer(let status, let excerpt):
            return "HTTP \(status), not a Prometheus API answer: \(excerpt)"
        case .apiError(let status, let errorType, let error, let apiStatus):
            return "HTTP \(status), " + (errorType.map { "\($0): " } ?? "") + (error ?? "status \(apiStatus)")
        case .noData:
            return "the answer has no data"
        case .severalSeries(let count, let labels):
            return "\(count) series (\(labels.prefix(3).joined(separator: ", "))); aggregate the query to one "
                + "series, e.g. with sum(...) or max(...)"
        case .noFloatValue:
            return "the series has no float value (a native histogram?)"
        case .notInstant(let type):
            return "the result is a \(type == "matrix" ? "range vector (matrix)" : type), "
                + "not an instant vector or scalar"
        case .notANumber(let text):
            return "`\(text)` is not a number"
        }
    }
}
