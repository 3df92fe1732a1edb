import Foundation
import TestSupport
import Testing

/// Spawns the built `kserve-canary` binary and checks stdout, stderr and exit status.
@Suite("kserve-canary binary")
struct CLIEndToEndTests {
    static let fixtures = ToolPaths.repositoryRoot + "/Tests/CanaryRulesTests/Fixtures"

    func fixture(_ name: String, _ file: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(Self.fixtures)/\(name)/\(file)")))
    }

    @Test func noArgumentsPostRendersStdinToStdout() throws {
        let result = try ProcessRunner.run(
            try ToolPaths.binary(), [], stdin: try fixture("seed-rendered", "input.yaml"))
        #expect(result.status == 0)
        #expect(result.stdout == (try fixture("seed-rendered", "output.yaml")))
        #expect(result.stderr.isEmpty)
    }

    @Test func postRenderSubcommandWithOptions() throws {
        let result = try ProcessRunner.run(
            try ToolPaths.binary(), ["post-render", "--primary-load", "0"],
            stdin: try fixture("primary-load", "input.yaml"))
        #expect(result.status == 0)
        #expect(result.stdout == (try fixture("primary-load", "output.yaml")))
    }

    @Test func problemsGoToStderrWithNothingOnStdout() throws {
        let result = try ProcessRunner.run(try ToolPaths.binary(), [], stdin: try fixture("errors-rules", "input.yaml"))
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let expected = String(decoding: try fixture("errors-rules", "errors.txt"), as: UTF8.self)
        #expect(result.stderrText == expected + "kserve-canary: 6 problems found; nothing was written\n")
    }

    @Test(arguments: [
        (["--primary-load", "101"], "--primary-load must be an integer from 0 to 100"),
        (["--weights", "loose"], "loose"),
        (["--no-such-flag"], "no-such-flag"),
    ])
    func usageErrorsExit64(_ args: [String], _ message: String) throws {
        let result = try ProcessRunner.run(try ToolPaths.binary(), args, stdin: Array("a: 1\n".utf8))
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText.contains(message))
    }

    @Test(arguments: [[String](), ["post-render"], ["lint"], ["summary"]])
    func helpOnEveryCommand(_ command: [String]) throws {
        let result = try ProcessRunner.run(try ToolPaths.binary(), command + ["--help"])
        #expect(result.status == 0)
        #expect(result.stdoutText.contains("USAGE:"))
    }

    @Test func version() throws {
        let result = try ProcessRunner.run(try ToolPaths.binary(), ["--version"])
        #expect(result.status == 0)
        #expect(result.stdoutText.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil)
    }

    @Test func lintReportsEveryFileAndWritesNoYAML() throws {
        let good = "\(Self.fixtures)/seed-rendered/input.yaml"
        let bad = "\(Self.fixtures)/errors-shapes/input.yaml"
        let ok = try ProcessRunner.run(try ToolPaths.binary(), ["lint", good])
        #expect(ok.status == 0)
        #expect(ok.stdoutText == "\(good): ok (3 documents, 1 canary group)\n")
        let failed = try ProcessRunner.run(try ToolPaths.binary(), ["lint", good, bad])
        #expect(failed.status == 1)
        #expect(!failed.stdoutText.contains("apiVersion"))
        let lines = failed.stderrText.split(separator: "\n")
        #expect(lines.count == 6)
        #expect(lines.allSatisfy { $0.hasPrefix(bad + ":") && $0.contains(": error: document ") })
    }

    @Test func lintReadsStdinWithDash() throws {
        let result = try ProcessRunner.run(
            try ToolPaths.binary(), ["lint", "-"], stdin: try fixture("errors-yaml", "input.yaml"))
        #expect(result.status == 1)
        #expect(result.stderrText.hasPrefix("<stdin>:8:5: error: document 2: invalid YAML"))
    }

    @Test func summaryTableAndJSON() throws {
        let input = try fixture("seed-rendered", "input.yaml")
        let table = try ProcessRunner.run(try ToolPaths.binary(), ["summary"], stdin: input)
        #expect(table.status == 0)
        #expect(
            table.stdoutText.contains(
                "sklearn-canary   canary   sklearn  gs://kfserving-examples/models/sklearn/1.0/model-2  40%"))
        let json = try ProcessRunner.run(try ToolPaths.binary(), ["summary", "--output", "json"], stdin: input)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.stdout)) as? [[String: Any]]
        #expect(decoded?.map { $0["weight"] as? Int } == [60, 40])
    }

    @Test func emptyInputGivesEmptyOutput() throws {
        let result = try ProcessRunner.run(try ToolPaths.binary(), [], stdin: [])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
    }

    @Test func unreadableInputFileIsAnError() throws {
        let result = try ProcessRunner.run(try ToolPaths.binary(), ["post-render", "--input", "/nonexistent/x.yaml"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText.contains("cannot read /nonexistent/x.yaml"))
    }
}
