import Foundation
import TestSupport
import Testing

extension PrometheusBackedTests {
    /// Issue 10 §6 for the commands that need a Prometheus (the others: CLITests'
    /// FullStandardOutputTests): with stdout on `/dev/full` they exit 1 with a message, whatever
    /// the verdict would have been.
    @Suite("output to a full disk") struct FullOutput {
        @Test(
            "analyze, table and JSON, pass and fail",
            arguments: [
                ("healthy", "table"), ("healthy", "json"), ("errors", "table"), ("quiet", "json"),
            ])
        func analyze(_ namespace: String, _ output: String) throws {
            let server = try PrometheusServer.shared()
            let dir = try Scratch()
            let file = try dir.write("hr.yaml", Files.helmRelease(namespace: namespace, primaryLoad: 90))
            let arguments = ["analyze", file, "--prometheus", server.url, "--at", Scenarios.atText, "--output", output]
            let working = try CLI.run(arguments)
            #expect(!working.stdout.isEmpty, "\(working.stderrText)")
            let full = try ProcessRunner.runWithFullStandardOutput(try ToolPaths.binary(), arguments)
            #expect(full.status == 1, "\(full.stderrText)")
            #expect(full.stderrText == "kserve-canary: error: cannot write to stdout: No space left on device\n")
        }

        @Test("advance: a dry run leaves the file alone; text and JSON", arguments: ["text", "json"])
        func advance(_ output: String) throws {
            let server = try PrometheusServer.shared()
            let dir = try Scratch()
            let before = Files.helmRelease(namespace: "healthy", primaryLoad: 90)
            let file = try dir.write("hr.yaml", before)
            let arguments = ["advance", file, "--prometheus", server.url, "--at", Scenarios.atText, "--output", output]
            let dry = try ProcessRunner.runWithFullStandardOutput(try ToolPaths.binary(), arguments + ["--dry-run"])
            #expect(dry.status == 1, "\(dry.stderrText)")
            #expect(dry.stderrText == "kserve-canary: error: cannot write to stdout: No space left on device\n")
            #expect(try dir.read("hr.yaml") == before)
            let wet = try ProcessRunner.runWithFullStandardOutput(try ToolPaths.binary(), arguments)
            #expect(wet.status == 1, "\(wet.stderrText)")
            #expect(wet.stderrText.hasSuffix("kserve-canary: error: cannot write to stdout: No space left on device\n"))
        }
    }
}
