import CanaryAnalysis
import CanaryQueries

/// Asks before traffic increases (`--gate URL`; the HTTP client is `GateClient` in AnalysisHTTP).
public protocol TrafficGate: Sendable {
    /// Asks about moving `workloads`' canary from `from` to `to` percent (100 with `promote`).
    /// - Returns: nil when traffic may increase, else why not.
    func confirm(
        workloads: CanaryWorkloads, from: Int, to: Int, promote: Bool,
        report: AnalysisReport
    ) async -> GateRefusal?
}

/// Why a gate holds the step (not a failure of the canary).
public enum GateRefusal: Sendable, Equatable, CustomStringConvertible {
    /// The gate answered with a status other than 2xx, and this body (on one line, shortened).
    case status(url: String, code: Int, body: String)
    /// The gate did not answer.
    case unreachable(url: String, reason: TransportFailure)

    /// `the gate URL answered HTTP 503: halted`, `the gate URL did not answer: connection refused`.
    public var description: String {
        switch self {
        case .status(let url, let code, let body):
            return "the gate \(url) answered HTTP \(code)" + (body.isEmpty ? "" : ": \(body)")
        case .unreachable(let url, let reason):
            return "the gate \(url) did not answer: \(reason)"
        }
    }
}
