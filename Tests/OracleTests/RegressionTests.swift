import Foundation
import TestSupport
import Testing

/// The minimal streams the oracle found, kept as data: `Regressions/README.md` lists each file
/// with its command-line arguments, whether the tool may refuse it, and what went wrong. Each
/// must now agree with kubectl exactly as a generated stream must.
@Suite("kubectl oracle: regressions")
struct RegressionTests {
    struct Entry: Sendable, CustomTestStringConvertible {
        var file: String
        var arguments: [String]
        var mayRefuse: Bool
        var description: String
        var testDescription: String { file }
    }

    static let directory = ToolPaths.repositoryRoot + "/Tests/OracleTests/Regressions"

    /// Rows of the README table: `` | `file.yaml` | `args` | yes/no | tool did | kubectl reads | item | ``.
    /// Throws when the README cannot be read or lists nothing (see `FixtureCases`).
    static func entries() throws -> [Entry] {
        let text = try String(contentsOfFile: directory + "/README.md", encoding: .utf8)
        return try FixtureCases.nonEmpty(
            text.split(separator: "\n").compactMap { line -> Entry? in
                guard line.hasPrefix("| `") else { return nil }
                let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst()
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                guard cells.count >= 5 else { return nil }
                let unquote = { (s: String) in s.replacingOccurrences(of: "`", with: "") }
                return Entry(
                    file: unquote(cells[0]), arguments: unquote(cells[1]).split(separator: " ").map(String.init),
                    mayRefuse: cells[2].lowercased().hasPrefix("yes"), description: cells[3] + "; " + cells[4])
            }, from: directory + "/README.md")
    }

    @Test func everyRegressionFileIsListed() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory).filter { $0.hasSuffix(".yaml") }
        #expect(
            Set(files) == Set(try Self.entries().map(\.file)),
            "Regressions/README.md must list exactly the .yaml files")
    }

    @Test(arguments: try entries())
    func regressionAgreesWithKubectl(_ entry: Entry) throws {
        let stream = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.directory + "/" + entry.file)))
        let c = OracleCase(
            id: String(entry.file.dropLast(".yaml".count)), stream: stream, arguments: entry.arguments,
            features: entry.mayRefuse ? [RefusalPolicy.mayRefuse] : [])
        let run = try OracleRun()
        defer { run.cleanUp() }
        let verdict = try run.judge(c)
        #expect(
            verdict.outcome != .disagreement && verdict.outcome != .skipped,
            "\(entry.file) (\(entry.description)):\n\(OracleReport.describe(c, verdict))")
    }
}
