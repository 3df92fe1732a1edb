import CanaryLifecycle
import CanaryQueries
import YAMLStream

/// Why `analyze` or `advance` could not reach a verdict or a decision. The CLI exits 1 for all of
/// them and prints `formatted(file:)`; nothing is written to the file.
public enum AnalysisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read, located or edited (from the lifecycle layer).
    case file(LifecycleError)
    /// A checks file or `kserve-canary.io/checks` document is invalid: where and why.
    case checks(file: String, mark: YAMLMark?, message: String)
    /// Prometheus could not be reached (connection refused, timeout, TLS, ...).
    case unreachable(url: String, reason: TransportFailure)
    /// Prometheus answered, but not with a usable result (HTTP error, malformed JSON, PromQL
    /// error, a query returning several series).
    case badAnswer(query: String, problem: AnswerProblem)
    /// An option that must be an http(s) URL is not one (`--prometheus`, `--gate`).
    case invalidURL(option: String, url: String)
    /// The canary's namespace or group cannot be derived, or is not a DNS label.
    case workloads(CanaryWorkloads.Problem)

    /// One line (or `FILE:LINE:COL: error: ...`) for stderr.
    public func formatted(file: String) -> String {
        switch self {
        case .file(let error):
            return error.formatted(file: file)
        case .checks(let checksFile, let mark, let message):
            if let mark { return "\(checksFile):\(mark.line):\(mark.column): error: \(message)" }
            return "\(checksFile): error: \(message)"
        default:
            return "kserve-canary: error: \(description)"
        }
    }

    /// The message without a file prefix.
    public var description: String {
        switch self {
        case .file(let error): return error.description
        case .checks(let file, let mark, let message):
            return "\(file):" + (mark.map { "\($0.line):\($0.column): " } ?? " ") + message
        case .unreachable(let url, let reason): return "cannot reach Prometheus at \(url): \(reason)"
        case .badAnswer(let query, let problem): return "Prometheus could not answer `\(query)`: \(problem)"
        case .invalidURL(let option, let url): return "\(option) must be an http:// or https:// URL, got `\(url)`"
        case .workloads(let problem): return problem.description
        }
    }
}
