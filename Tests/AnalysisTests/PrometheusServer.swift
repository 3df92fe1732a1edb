import Foundation
import TestSupport
import Testing

/// A real Prometheus (Debian's `prometheus`) over a TSDB built with `promtool tsdb
/// create-blocks-from openmetrics` from `Scenarios`, listening on 127.0.0.1 at a free port.
///
/// It runs under a small shell watchdog that kills it when the test process closes the pipe
/// (normally in `stop()`, or when the test process dies), so no Prometheus outlives the tests.
final class PrometheusServer: Sendable {
    let url: String
    let directory: String
    private let process: Process
    private let lifeline: Pipe

    @TaskLocal static var current: PrometheusServer?

    /// The running server of the enclosing `.prometheus` suite.
    static func shared() throws -> PrometheusServer {
        guard let server = current else {
            throw TestFailure("no Prometheus: run inside a suite with the .prometheus trait")
        }
        return server
    }

    private init(url: String, directory: String, process: Process, lifeline: Pipe) {
        self.url = url
        self.directory = directory
        self.process = process
        self.lifeline = lifeline
    }

    static func tool(_ name: String) throws -> String {
        for dir in ["/usr/bin", "/usr/local/bin", "/bin"]
        where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
            return "\(dir)/\(name)"
        }
        throw TestFailure("\(name) not found; install Debian's prometheus package (scripts/install-tools.sh does)")
    }

    /// Builds the TSDB and starts Prometheus; waits until `/-/ready` answers 200.
    static func start() throws -> PrometheusServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kc-prometheus-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: directory + "/tsdb", withIntermediateDirectories: true)
        try Scenarios.openMetrics().write(toFile: directory + "/scenarios.om", atomically: true, encoding: .utf8)
        let created = try ProcessRunner.run(
            try tool("promtool"),
            ["tsdb", "create-blocks-from", "openmetrics", directory + "/scenarios.om", directory + "/tsdb"])
        guard created.status == 0 else {
            throw TestFailure("promtool failed: \(created.stderrText)\(created.stdoutText)")
        }
        try "global:\n  scrape_interval: 1h\nscrape_configs: []\n".write(
            toFile: directory + "/prometheus.yml", atomically: true, encoding: .utf8)
        let prometheus = try tool("prometheus")
        for _ in 0..<5 {
            let port = try freePort()
            let arguments = [
                prometheus, "--config.file=\(directory)/prometheus.yml", "--storage.tsdb.path=\(directory)/tsdb",
                // Keep every imported block: retention counts back from the newest block.
                "--storage.tsdb.retention.time=100y", "--web.listen-address=127.0.0.1:\(port)",
                "--log.level=warn", "--query.lookback-delta=5m",
            ].map { "'\($0)'" }.joined(separator: " ")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            // The subshell keeps the pipe (fd 3) and kills Prometheus (which `exec` gives the shell's
            // pid) when the pipe closes; Process waits for Prometheus itself.
            process.arguments = [
                "-c", "exec 3<&0; (read _ <&3; kill $$) & exec \(arguments) </dev/null 3<&- 2>\"$0/prometheus.log\"",
                directory,
            ]
            let lifeline = Pipe()
            process.standardInput = lifeline
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let server = PrometheusServer(
                url: "http://127.0.0.1:\(port)", directory: directory, process: process, lifeline: lifeline)
            if server.waitReady(port: port) { return server }
            server.stop(removing: false)
        }
        let log = (try? String(contentsOfFile: directory + "/prometheus.log", encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: directory)
        throw TestFailure("Prometheus did not become ready:\n\(log.suffix(2000))")
    }

    /// Stops Prometheus and removes its directory.
    func stop(removing: Bool = true) {
        try? lifeline.fileHandleForWriting.close()
        for _ in 0..<100 where process.isRunning { usleep(100_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        if removing { try? FileManager.default.removeItem(atPath: directory) }
    }

    private func waitReady(port: UInt16) -> Bool {
        for _ in 0..<300 {
            if !process.isRunning { return false }
            if Self.httpStatus(port: port, path: "/-/ready") == 200 { return true }
            usleep(100_000)
        }
        return false
    }

    /// A port nobody listens on right now (the kernel's choice for port 0).
    static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw TestFailure("bind failed") }
        return UInt16(bigEndian: address.sin_port)
    }

    /// The status code of a plain HTTP/1.0 GET on 127.0.0.1 (0 when nothing answers): a readiness probe only.
    static func httpStatus(port: UInt16, path: String) -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { return 0 }
        let request = Array("GET \(path) HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n > 12 else { return 0 }
        return Int(String(decoding: buffer[9..<12], as: UTF8.self)) ?? 0
    }
}

/// Starts one Prometheus for a suite (and its nested suites) and stops it afterwards, also when a test fails.
struct PrometheusScope: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(
        for test: Test, testCase: Test.Case?,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        let server = try PrometheusServer.start()
        defer { server.stop() }
        try await PrometheusServer.$current.withValue(server) { try await function() }
    }
}

extension Trait where Self == PrometheusScope {
    /// One real Prometheus over the scenario TSDB for the suite.
    static var prometheus: Self { Self() }
}
