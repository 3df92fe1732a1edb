import AsyncHTTPClient
import CanaryAnalysis
import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One AsyncHTTPClient `HTTPClient` for a run of `analyze` or `advance` (Prometheus queries and
/// the `--gate` webhook), with a timeout on every request and a cap on every response body.
///
/// Use `HTTPSession.with(timeout:_:)`: it shuts the client down after success and after failure
/// alike (a client that is not shut down leaks its connections and trips an assertion).
public final class HTTPSession: Sendable {
    let client: HTTPClient
    /// Per-request deadline in seconds (connect, send and read the whole body).
    public let timeout: Double
    /// The largest response body read, in bytes.
    public let bodyLimit: Int

    init(timeout: Double, bodyLimit: Int) {
        let deadline = TimeAmount.milliseconds(Int64(timeout * 1000))
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .follow(max: 3, allowCycles: false),
            timeout: .init(connect: deadline, read: deadline))
        configuration.httpVersion = .automatic
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.timeout = timeout
        self.bodyLimit = bodyLimit
    }

    /// Runs `body` with a new session and shuts the session down on every path.
    public static func with<T: Sendable>(
        timeout: Double, bodyLimit: Int = 16 << 20,
        _ body: (HTTPSession) async throws -> T
    ) async throws -> T {
        let session = HTTPSession(timeout: timeout, bodyLimit: bodyLimit)
        let result: T
        do {
            result = try await body(session)
        } catch {
            try? await session.client.shutdown()
            throw error
        }
        try await session.client.shutdown()
        return result
    }

    /// An HTTP answer: status code, the `Content-Type` header and the body.
    public struct Answer: Sendable {
        /// HTTP status code.
        public var status: Int
        /// `Content-Type`, if sent.
        public var contentType: String?
        /// The body (at most `bodyLimit` bytes).
        public var body: [UInt8]
        /// The body as UTF-8 text (lossy).
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// The methods used.
    public enum Method: Sendable {
        /// Prometheus queries.
        case get
        /// The gate webhook.
        case post
    }

    /// Sends one request and reads the whole answer.
    /// - Throws: why no answer arrived (connection refused, timeout, TLS, a body over the limit).
    public func send(
        _ method: Method, url: String, headers: [(String, String)] = [],
        body: [UInt8]? = nil
    ) async throws(TransportFailure) -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = method == .post ? .POST : .GET
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let response = try await client.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
            let buffer = try await response.body.collect(upTo: bodyLimit)
            return Answer(
                status: Int(response.status.code), contentType: response.headers.first(name: "content-type"),
                body: Array(buffer.readableBytesView))
        } catch {
            throw Self.failure(error)
        }
    }

    /// What AsyncHTTPClient's or NIO's error means, by type (their descriptions are verbose).
    static func failure(_ error: any Error) -> TransportFailure {
        switch error {
        case let error as HTTPClientError:
            switch error {
            case .connectTimeout: return .connectTimeout
            case .deadlineExceeded, .readTimeout, .writeTimeout: return .noAnswerInTime
            case .remoteConnectionClosed: return .closedByServer
            default: break
            }
        case let error as NIOTooManyBytesError:
            return .answerTooLarge(limit: error.maxBytes)
        case let error as NIOConnectionError:
            // Every address refused (an IP literal or a name resolving to one address: one attempt).
            let refused = error.connectionErrors.allSatisfy { ($0.error as? IOError)?.errnoCode == ECONNREFUSED }
            if refused && !error.connectionErrors.isEmpty { return .connectionRefused }
        case let error as IOError where error.errnoCode == ECONNREFUSED:
            return .connectionRefused
        case ChannelError.connectTimeout:
            return .connectTimeout
        default:
            break
        }
        return .other(String(describing: error))
    }
}
