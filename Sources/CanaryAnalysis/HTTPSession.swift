import AsyncHTTPClient
import NIOCore

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
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .follow(max: 3, allowCycles: false),
            timeout: .init(connect: .milliseconds(Int64(timeout * 1000)), read: .milliseconds(Int64(timeout * 1000))))
        configuration.httpVersion = .automatic
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.timeout = timeout
        self.bodyLimit = bodyLimit
    }

    /// Runs `body` with a new session and shuts the session down on every path.
    public static func with<T: Sendable>(timeout: Double, bodyLimit: Int = 16 << 20,
                                         _ body: (HTTPSession) async throws -> T) async throws -> T {
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

    /// Sends one request and reads the whole answer.
    /// - Throws: whatever AsyncHTTPClient throws (connection refused, timeout, TLS, a body over the limit).
    public func send(_ method: String, url: String, headers: [(String, String)] = [],
                     body: [UInt8]? = nil) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = method == "POST" ? .POST : .GET
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
        let buffer = try await response.body.collect(upTo: bodyLimit)
        return Answer(status: Int(response.status.code), contentType: response.headers.first(name: "content-type"),
                      body: Array(buffer.readableBytesView))
    }

    /// Why a request failed, in a few words (AsyncHTTPClient's and NIO's errors are verbose).
    public static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return "connection timed out"
            case .deadlineExceeded, .readTimeout, .writeTimeout: return "no answer in time"
            case .remoteConnectionClosed: return "the server closed the connection"
            default: break
            }
        }
        if let error = error as? NIOTooManyBytesError { return "the answer is over \(error.maxBytes.map(String.init) ?? "the limit") bytes" }
        let text = String(describing: error)
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        return text
    }
}

/// Percent-encoding for URL query components (everything but RFC 3986 unreserved characters).
enum URLQuery {
    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E:
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]], as: UTF8.self)
            }
        }
        return out
    }

    /// `url` without trailing slashes, checked to be `http://` or `https://`.
    static func base(_ url: String) -> String? {
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else { return nil }
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        return base.count > "https://".count ? base : nil
    }
}
