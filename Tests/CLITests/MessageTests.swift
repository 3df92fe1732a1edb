import Foundation
import TestSupport
import Testing

/// Issue 10 §6: what the commands say about missing files, empty paths, capped problem lists,
/// syntax errors and hostile text, through the built binary.
@Suite("Messages")
struct MessageTests {
    static let fixtures = ToolPaths.repositoryRoot + "/Tests/CLITests/Fixtures/messages"
    static let rules = ToolPaths.repositoryRoot + "/Tests/CanaryRulesTests/Fixtures"

    func run(_ arguments: [String], stdin: [UInt8] = []) throws -> ProcessResult {
        try ProcessRunner.run(try ToolPaths.binary(), arguments, stdin: stdin)
    }

    @Test("lint A missing B: A is ok, the missing file is named once, B is still checked")
    func lintGoesOnPastAMissingFile() throws {
        let good = Self.rules + "/seed-rendered/input.yaml"
        let bad = Self.rules + "/errors-rules/input.yaml"
        let missing = "/nonexistent/kserve-canary/missing.yaml"
        let result = try run(["lint", good, missing, bad])
        #expect(result.status == 1)
        #expect(result.stdoutText == "\(good): ok (3 documents, 1 canary group)\n")
        let lines = result.stderrText.split(separator: "\n").map(String.init)
        #expect(lines.first == "kserve-canary: error: cannot read \(missing): No such file or directory")
        #expect(lines.filter { $0.contains(missing) }.count == 1)
        let expected = try String(contentsOfFile: Self.rules + "/errors-rules/errors.txt", encoding: .utf8)
        #expect(Array(lines.dropFirst()) == expected.split(separator: "\n").map { bad + String($0.drop { $0 != ":" }) })
        // No message repeats a path (`cannot read X: X: ...`).
        for line in lines {
            for path in [good, missing, bad] {
                #expect(line.components(separatedBy: path).count <= 2, "\(line)")
            }
        }
    }

    @Test(
        "an empty path gets a real message",
        arguments: [
            (
                ["post-render", "--input", ""], 1,
                "kserve-canary: error: the input path is empty; give a file, or - for standard input"
            ),
            (["lint", ""], 1, "kserve-canary: error: the input path is empty; give a file, or - for standard input"),
            (
                ["summary", ""], 1,
                "kserve-canary: error: the input path is empty; give a file, or - for standard input"
            ),
            (
                ["flux", "values", ""], 1,
                "kserve-canary: error: the input path is empty; give a file, or - for standard input"
            ),
            (["status", ""], 64, "Error: FILE is empty; give the HelmRelease or values file"),
            (["promote", ""], 64, "Error: FILE is empty; give the HelmRelease or values file"),
            (["start", "", "--uri", "gs://m/2"], 64, "Error: FILE is empty; give the HelmRelease or values file"),
            (
                ["analyze", "", "--prometheus", "http://127.0.0.1:9"], 64,
                "Error: FILE is empty; give the HelmRelease or values file"
            ),
            (
                ["flux", "build", "x.yaml", "--charts", ""], 64,
                "Error: --charts is empty; give the directory that holds the charts"
            ),
        ] as [([String], Int32, String)])
    func emptyPaths(_ arguments: [String], _ status: Int32, _ message: String) throws {
        let result = try run(arguments)
        #expect(result.status == status)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText.hasPrefix(message + "\n"), "\(result.stderrText)")
    }

    @Test(
        "after syntax errors every problem is reported once, with its own document number",
        arguments: [["post-render"], ["lint", "-"], ["summary", "-"]])
    func syntaxErrorsThenRuleProblems(_ arguments: [String]) throws {
        let input = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.fixtures + "/syntax-then-rules.yaml")))
        let expected = try String(contentsOfFile: Self.fixtures + "/syntax-then-rules.errors", encoding: .utf8)
        let result = try run(arguments, stdin: input)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let lines = result.stderrText.split(separator: "\n").filter { !$0.hasPrefix("kserve-canary: ") }
        #expect(lines == expected.split(separator: "\n").map { "<stdin>:" + $0 })
    }

    @Test("a stream parsed in two parts numbers its documents as one stream")
    func largeStreamsKeepDocumentNumbers() throws {
        // Over 1 MiB: post-render parses it in two parts, cut at the `---` line of document 753.
        let filler = "apiVersion: v1\nkind: ConfigMap\ndata:\n  k: \"" + String(repeating: "x", count: 1_000) + "\"\n"
        let broken = [10: "b: [\n", 751: "c: \"unclosed\n", 752: "d: [x,\n", 753: "e: *nope\n", 1_300: "f: : x\n"]
        var text = ""
        for n in 1...1_500 { text += "---\n" + (broken[n] ?? filler) }
        #expect(text.utf8.count > 1 << 20)
        let result = try run(["post-render"], stdin: Array(text.utf8))
        #expect(result.status == 1)
        let documents = result.stderrText.split(separator: "\n").dropLast().map { line in
            Int(line.split(separator: " ")[3].dropLast()) ?? 0
        }
        #expect(documents == [10, 751, 752, 753, 1_300], "\(result.stderrText)")
        #expect(result.stderrText.hasSuffix("kserve-canary: 5 problems found; nothing was written\n"))
    }

    @Test(
        "a capped problem list says it stopped counting",
        arguments: [["post-render"], ["summary", "-"], ["lint", "-"]])
    func problemCap(_ arguments: [String]) throws {
        let text = (0..<150).map { "---\nbroken\($0): [\n" }.joined()
        let result = try run(arguments, stdin: Array(text.utf8))
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderrText.contains(
                ": error: document 100: stopped reading after 100 errors; the rest of the stream was not checked\n"))
        if arguments[0] == "lint" {
            #expect(
                result.stderrText.hasSuffix(
                    "<stdin>: stopped reading after too many errors; the rest of the file was not checked\n"))
        } else {
            #expect(
                result.stderrText.hasSuffix(" or more problems found; nothing was written\n"),
                "\(result.stderrText.suffix(200))")
        }
    }

    @Test(
        "summary tables escape ESC, CR, line breaks and other control characters from the input",
        arguments: [["summary", "-"], ["post-render", "--summary"]])
    func summaryEscapesControlCharacters(_ arguments: [String]) throws {
        let input = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.fixtures + "/control-characters.yaml")))
        let result = try run(arguments, stdin: input)
        #expect(result.status == 0, "\(result.stderrText)")
        let table = arguments[0] == "summary" ? result.stdoutText : result.stderrText
        #expect(table.split(separator: "\n", omittingEmptySubsequences: false).count == 4)
        for bad in ["\u{1B}", "\r", "\u{07}", "\u{85}", "\u{2028}"] { #expect(!table.contains(bad)) }
        #expect(table.contains("gs://x/\\u001B[31mred\\u000D\\u000AFAKE\\u2028z\\u0085\\u0007  40%"))
        #expect(table.contains("sklearn\\u001B]0;title\\u0007.example.com\n"))
    }

    @Test("a value longer than kserve-canary reads is refused as its own limit, not blamed on kubectl")
    func scalarOverTheReaderLimit() throws {
        let path = ToolPaths.repositoryRoot + "/Tests/CLITests/Fixtures/post-render/accepted/namespace-less.yaml"
        let long = "gs://models/" + String(repeating: "x", count: 70_000)
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "newStorageUri: gs://models/sklearn/2", with: "newStorageUri: " + long)
        let objects = try KubectlReader.read(Array(text.utf8))
        #expect(objects.count == 3, "kubectl reads the stream")
        let result = try run(["post-render"], stdin: Array(text.utf8))
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderrText.hasPrefix(
                "<stdin>:17:26: error: document 1 (HelmRelease/sklearn-canary): cannot check "
                    + "this release: a scalar over 64 KiB, longer than kserve-canary reads\n"),
            "\(result.stderrText.prefix(300))")
        #expect(!result.stderrText.contains("kubectl cannot read"))
    }

    @Test("an edited release holding a value longer than kserve-canary reads back is refused as that limit")
    func scalarOverTheReaderLimitElsewhere() throws {
        let path = ToolPaths.repositoryRoot + "/Tests/CLITests/Fixtures/post-render/accepted/namespace-less.yaml"
        let long = String(repeating: "x", count: 70_000)
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(
                of: "  name: sklearn-canary\n", with: "  name: sklearn-canary\n  annotations:\n    big: \(long)\n")
        #expect(try KubectlReader.read(Array(text.utf8)).count == 3, "kubectl reads the stream")
        let result = try run(["post-render"], stdin: Array(text.utf8))
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderrText.contains(
                "cannot check the edited document: it holds a scalar over 64 KiB, longer than kserve-canary reads back"),
            "\(result.stderrText.prefix(300))")
        #expect(!result.stderrText.contains("internal error"))
    }
}
