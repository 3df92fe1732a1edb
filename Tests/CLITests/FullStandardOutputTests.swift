import Foundation
import TestSupport
import Testing

/// Issue 10 §6: every command checks its writes to standard output. With stdout on `/dev/full`
/// each one exits 1 and says so on stderr, never 0 with output that did not arrive.
@Suite("Output to a full disk")
struct FullStandardOutputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var stdin: String?
        var testDescription: String { (arguments + (stdin.map { ["< " + $0] } ?? [])).joined(separator: " ") }
        init(_ arguments: [String], stdin: String? = nil) {
            self.arguments = arguments
            self.stdin = stdin
        }
    }

    static let root = ToolPaths.repositoryRoot
    static let rendered = root + "/Tests/CanaryRulesTests/Fixtures/seed-rendered/input.yaml"
    static let lifecycle = root + "/Tests/LifecycleTests/Fixtures"
    static let fluxExample = root + "/examples/flux/helmrelease.yaml"
    static let fluxConfigMap = root + "/examples/flux/namespace-envioroment.yaml"

    /// Every command that writes to stdout, in each of its output forms. `hr.yaml` (a running
    /// canary) and `idle.yaml` (none) are fresh copies in the working directory.
    static let cases: [Case] = [
        Case([], stdin: "rendered"), Case(["post-render"], stdin: "rendered"),
        Case(["post-render", "--input", rendered, "--summary"]),
        Case(["lint", rendered]), Case(["lint", "-"], stdin: "rendered"),
        Case(["summary", rendered]), Case(["summary", "--output", "json", "-"], stdin: "rendered"),
        Case(["status", "hr.yaml"]), Case(["status", "hr.yaml", "--output", "json"]),
        Case(["status", "-"], stdin: "hr"),
        Case(["start", "idle.yaml", "--uri", "gs://m/3", "--dry-run"]),
        Case(["start", "idle.yaml", "--uri", "gs://m/3"]),
        Case(["set-weight", "hr.yaml", "--canary", "25", "--dry-run"]),
        Case(["set-weight", "hr.yaml", "--canary", "25"]),
        Case(["step", "hr.yaml", "--dry-run"]), Case(["step", "hr.yaml"]),
        Case(["promote", "hr.yaml", "--dry-run"]), Case(["promote", "hr.yaml"]),
        Case(["rollback", "hr.yaml", "--dry-run"]), Case(["rollback", "hr.yaml"]),
        Case(["dashboard"]),
        Case(["flux", "postrenderers", "--release", "sklearn", "--namespace", "sample-dev"]),
        Case(["flux", "values", fluxExample, "--configmap", fluxConfigMap]),
        Case(["flux", "build", fluxExample, "--charts", root + "/charts", "--configmap", fluxConfigMap]),
        Case(["--version"]), Case(["--help"]), Case(["-h"]), Case(["help"]), Case(["help", "flux", "build"]),
        Case(["lint", "--help"]), Case(["flux"]), Case(["--generate-completion-script", "bash"]),
        Case(["--experimental-dump-help"]),
    ]

    /// Commands whose stdout is checked by another suite (they need a Prometheus).
    static let coveredElsewhere: Set<String> = [
        "analyze",  // AnalysisTests: PrometheusBackedTests.FullOutput
        "advance",  // AnalysisTests: PrometheusBackedTests.FullOutput
    ]

    @Test(arguments: cases)
    func exitsOneWithAMessage(_ c: Case) throws {
        let dir = try Scratch()
        let hr = try Data(contentsOf: URL(fileURLWithPath: Self.lifecycle + "/seed.yaml"))
        try hr.write(to: URL(fileURLWithPath: dir.path + "/hr.yaml"))
        try Data(contentsOf: URL(fileURLWithPath: Self.lifecycle + "/idle.yaml"))
            .write(to: URL(fileURLWithPath: dir.path + "/idle.yaml"))
        let stdin: [UInt8]
        switch c.stdin {
        case "rendered": stdin = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.rendered)))
        case "hr": stdin = [UInt8](hr)
        default: stdin = []
        }
        var arguments = c.arguments
        if arguments.starts(with: ["flux", "build"]) {
            arguments += ["--helm", try ToolPaths.helm3(), "--kubectl", try ToolPaths.kubectl()]
        }
        let result = try ProcessRunner.runWithFullStandardOutput(
            try ToolPaths.binary(), arguments, stdin: stdin, environment: ["KSERVE_CANARY_CRDS": ""],
            directory: dir.path)
        #expect(result.status == 1, "\(result.stderrText)")
        #expect(
            result.stderrText.hasSuffix("kserve-canary: error: cannot write to stdout: No space left on device\n"),
            "\(result.stderrText)")
        if arguments.contains("--dry-run") {
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path + "/hr.yaml")) == hr, "a dry run wrote the file")
        }
    }

    /// Each case, run with a working stdout, writes something there: the cases test real writes.
    @Test(arguments: cases.filter { !$0.arguments.starts(with: ["flux", "build"]) })
    func eachCaseWritesToStdout(_ c: Case) throws {
        let dir = try Scratch()
        for name in ["seed.yaml", "idle.yaml"] {
            try Data(contentsOf: URL(fileURLWithPath: Self.lifecycle + "/" + name))
                .write(to: URL(fileURLWithPath: dir.path + "/" + (name == "seed.yaml" ? "hr.yaml" : name)))
        }
        let stdin: [UInt8] =
            c.stdin == nil
            ? []
            : [UInt8](
                try Data(
                    contentsOf: URL(
                        fileURLWithPath: c.stdin == "hr" ? Self.lifecycle + "/seed.yaml" : Self.rendered)))
        let result = try ProcessRunner.run(try ToolPaths.binary(), c.arguments, stdin: stdin, directory: dir.path)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(!result.stdout.isEmpty)
    }

    /// The cases above name every command of `--experimental-dump-help`, so a new command
    /// cannot be added without its full-disk case.
    @Test func everyCommandHasACase() throws {
        let dump = try ProcessRunner.run(try ToolPaths.binary(), ["--experimental-dump-help"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout)) as? [String: Any])
        var leaves: [String] = []
        func walk(_ command: [String: Any], _ path: [String]) {
            let subcommands = command["subcommands"] as? [[String: Any]] ?? []
            if subcommands.isEmpty { leaves.append(path.joined(separator: " ")) }
            for sub in subcommands { walk(sub, path + [sub["commandName"] as? String ?? ""]) }
        }
        walk(try #require(json["command"] as? [String: Any]), [])
        #expect(leaves.count >= 15, "\(leaves)")
        let tested = Set(
            Self.cases.map { $0.arguments.prefix(2).joined(separator: " ") }
                + Self.cases.map { $0.arguments.prefix(1).joined(separator: " ") })
        for leaf in leaves where !Self.coveredElsewhere.contains(leaf) {
            #expect(tested.contains(leaf), "no full-disk case for `kserve-canary \(leaf)`")
        }
    }
}

/// A scratch directory removed when the test is done.
final class Scratch {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("kc-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
