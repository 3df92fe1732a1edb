import Foundation
import TestSupport

/// A real server on 127.0.0.1 for one test: Python's `http.server` over a directory, or Debian's
/// `docker-registry` (an OCI registry). Started by the test and stopped by it (`stop()`, also on
/// deinit), so nothing outlives a failing test.
final class LoopbackServer: @unchecked Sendable {
    /// The port it listens on.
    let port: Int
    private let process: Process

    /// `http://127.0.0.1:<port>`.
    var url: String { "http://127.0.0.1:\(port)" }
    /// `127.0.0.1:<port>` (OCI references).
    var host: String { "127.0.0.1:\(port)" }

    private init(process: Process, port: Int) {
        self.process = process
        self.port = port
    }

    /// Serves `directory` over HTTP (Python's `http.server`, threading, on a port the kernel picks;
    /// the port is written to a file next to nothing the server serves).
    static func http(serving directory: String) throws -> LoopbackServer {
        let script = """
            import functools, http.server, os, sys
            class Quiet(http.server.SimpleHTTPRequestHandler):
                def log_message(self, *args):
                    pass
            handler = functools.partial(Quiet, directory=sys.argv[1])
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            with open(sys.argv[2] + ".tmp", "w") as out:
                out.write(str(server.server_address[1]))
            os.rename(sys.argv[2] + ".tmp", sys.argv[2])
            server.serve_forever()
            """
        let portFile = FileManager.default.temporaryDirectory.appendingPathComponent("kc-port-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: portFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, directory, portFile]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        var port: Int?
        while port == nil, Date() < deadline, process.isRunning {
            port = (try? String(contentsOfFile: portFile, encoding: .utf8)).flatMap { Int($0) }
            if port == nil { Thread.sleep(forTimeInterval: 0.05) }
        }
        guard let port else {
            LoopbackServer(process: process, port: 0).stop()
            throw TestFailure("python3 http.server did not start serving \(directory)")
        }
        let server = LoopbackServer(process: process, port: port)
        try server.waitUntilReady(path: "/")
        return server
    }

    /// Starts `docker-registry serve CONFIG` with its storage in `storage` (tries three free ports).
    static func ociRegistry(storage: String) throws -> LoopbackServer {
        guard
            let registry = ["/usr/bin/docker-registry", "/usr/local/bin/docker-registry"]
                .first(where: FileManager.default.isExecutableFile(atPath:))
        else {
            throw TestFailure(
                "docker-registry not found: run scripts/install-tools.sh (Debian package docker-registry)")
        }
        var lastError = ""
        for attempt in 1...3 {
            let port = try freePort()
            let config = storage + "/config-\(attempt).yml"
            try """
            version: 0.1
            log:
              level: error
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: \(storage)/data
            http:
              addr: 127.0.0.1:\(port)
            """.write(toFile: config, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: registry)
            process.arguments = ["serve", config]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let server = LoopbackServer(process: process, port: port)
            do {
                try server.waitUntilReady(path: "/v2/")
                return server
            } catch {
                server.stop()
                lastError = "\(error)"
            }
        }
        throw TestFailure("docker-registry did not start: \(lastError)")
    }

    /// A port that was free a moment ago (the kernel's pick for 127.0.0.1:0).
    static func freePort() throws -> Int {
        let result = try ProcessRunner.run(
            "/usr/bin/env",
            [
                "python3", "-c",
                """
                import socket
                s = socket.socket()
                s.bind(("127.0.0.1", 0))
                print(s.getsockname()[1])
                """,
            ])
        guard result.status == 0, let port = Int(result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            throw TestFailure("no free port: \(result.stderrText)")
        }
        return port
    }

    /// Polls `path` with curl until it answers 200 (10 s at most) or the process exits.
    private func waitUntilReady(path: String) throws {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            guard process.isRunning else {
                throw TestFailure("the server on port \(port) exited with \(process.terminationStatus)")
            }
            let probe = try ProcessRunner.run("/usr/bin/env", ["curl", "-fsS", "-o", "/dev/null", url + path])
            if probe.status == 0 { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw TestFailure("the server on port \(port) did not answer \(path) within 10 s")
    }

    /// Stops the server and waits for it. SIGKILL: SIGTERM (Foundation's `terminate()`) left the
    /// python child of a test running here, and `waitUntilExit()` then never returned.
    func stop() {
        if process.isRunning {
            _ = try? ProcessRunner.run("/bin/kill", ["-KILL", "\(process.processIdentifier)"])
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}
