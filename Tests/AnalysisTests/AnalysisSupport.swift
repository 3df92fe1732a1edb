import Foundation
import TestSupport
import Testing

/// Runs the binary and builds the files the analysis tests work on.
enum CLI {
    static func run(_ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.run(try ToolPaths.binary(), arguments)
    }

    /// `analyze FILE --prometheus URL --at AT --output json` and the decoded JSON.
    static func analyze(_ file: String, _ extra: [String] = [], at: String = Scenarios.atText) throws -> (
        ProcessResult, [String: Any]
    ) {
        let server = try PrometheusServer.shared()
        let result = try run(["analyze", file, "--prometheus", server.url, "--at", at, "--output", "json"] + extra)
        let object = (try? JSONSerialization.jsonObject(with: Data(result.stdout))) as? [String: Any] ?? [:]
        return (result, object)
    }

    static func check(_ json: [String: Any], _ name: String) -> [String: Any] {
        ((json["checks"] as? [[String: Any]]) ?? []).first { $0["name"] as? String == name } ?? [:]
    }
}

/// A scratch directory removed when the test is done.
final class Scratch {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("kc-analysis-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    func read(_ name: String) throws -> String { try String(contentsOfFile: path + "/" + name, encoding: .utf8) }
}

/// HelmReleases of kserve-general for the scenarios.
enum Files {
    static let repository = ToolPaths.repositoryRoot

    static func helmRelease(
        namespace: String, primaryLoad: Int, canary: String? = "gs://models/sklearn/2",
        annotations: [String: String] = [:], extra: String = ""
    ) -> String {
        var text = """
            # kserve-general for scenario \(namespace)
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata:
              name: sklearn
              namespace: \(namespace)

            """
        if !annotations.isEmpty {
            text +=
                "  annotations:\n"
                + annotations.sorted { $0.key < $1.key }.map { "    \($0.key): \"\($0.value)\"\n" }.joined()
        }
        text += """
            spec:
              interval: 1m
              chart:
                spec:
                  chart: kserve-general
                  sourceRef:
                    kind: GitRepository
                    name: charts-git
              values:
                primaryLoad: \(primaryLoad)   ### Important
                inferenceservice:
                  predictor:
                    model:
                      storageUri: "gs://models/sklearn/1"

            """
        if let canary { text += "          newStorageUri: \"\(canary)\"   ### Important\n" }
        return text + extra
    }

    static func fixture(_ name: String) throws -> String {
        try String(
            contentsOf: Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name),
            encoding: .utf8)
    }
}

/// A loopback webhook: `Tests/AnalysisTests/Fixtures/gate-server.py` answering every POST with one status.
final class GateServer {
    let url: String
    let log: String
    private let process: Process
    private let lifeline = Pipe()

    init(status: Int, directory: String) throws {
        let portFile = directory + "/gate.port"
        log = directory + "/gate.log"
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let script = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(
            "gate-server.py"
        ).path
        process.arguments = ["python3", script, portFile, String(status), log]
        process.standardInput = lifeline
        try process.run()
        for _ in 0..<100 {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), text.hasSuffix("\n") {
                url = "http://127.0.0.1:\(text.trimmingCharacters(in: .whitespacesAndNewlines))/gate"
                return
            }
            usleep(50_000)
        }
        try? lifeline.fileHandleForWriting.close()
        throw TestFailure("the gate server did not start")
    }

    func requests() -> [String] {
        ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    deinit {
        try? lifeline.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
