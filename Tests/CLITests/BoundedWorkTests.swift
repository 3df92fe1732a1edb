import Foundation
import TestSupport
import Testing

/// Issue 10 §5 through the binary: hostile streams are post-rendered or refused after bounded
/// work, asserted by what is read and reported (YAMLStreamTests' BoundedWorkTests pins the
/// parser's structure), never by time.
@Suite("Bounded work (binary)")
struct BoundedWorkCLITests {
    static let releases = ToolPaths.repositoryRoot + "/Tests/CLITests/Fixtures/post-render/accepted/namespace-less.yaml"

    func run(_ arguments: [String], _ input: String) throws -> ProcessResult {
        try ProcessRunner.run(try ToolPaths.binary(), arguments, stdin: Array(input.utf8))
    }

    @Test("an 800 KB VirtualService with 200,000 aliases gets --primary-load and reads back")
    func aliasedVirtualService() throws {
        let text = try String(contentsOfFile: Self.releases, encoding: .utf8)
        let cut = try #require(text.range(of: "---\n# Source: kserve-general/templates/virtualservice.yaml"))
        let service = """
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: sklearn-predictor}
            spec:
              hosts: [&h sklearn.example.com\(String(repeating: ", *h", count: 200_000))]
              http:
              - route:
                - destination: {host: sklearn-primary-predictor}
                  weight: 60
                - destination: {host: sklearn-canary-predictor}
                  weight: 40

            """
        #expect(service.utf8.count >= 800_000)
        let input = String(text[..<cut.lowerBound]) + service
        let result = try run(["post-render", "--primary-load", "70"], input)
        #expect(result.status == 0, "\(result.stderrText)")
        let output = result.stdoutText
        let edited = try #require(output.range(of: "---\napiVersion: networking.istio.io/v1"))
        #expect(
            String(output[edited.lowerBound...])
                == service
                .replacingOccurrences(of: "weight: 60", with: "weight: 70").replacingOccurrences(
                    of: "weight: 40", with: "weight: 30"))
    }

    @Test("40 documents of 9,999-deep {a: (2 MB): one problem, in document 1, and nothing after it")
    func deepFlowNesting() throws {
        let one = "v: " + String(repeating: "{a: ", count: 9_999) + String(repeating: "}", count: 9_999) + "\n"
        let result = try run(["post-render"], String(repeating: "---\n" + one, count: 40))
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let at = "<stdin>:2:28541: error: document 1: "
        #expect(
            result.stderrText == """
                \(at)invalid YAML: flow collections ([...], {...}) nest deeper than 64 levels too often in this \
                stream; refusing it
                \(at)stopped reading after 1 error; the rest of the stream was not checked
                kserve-canary: 2 or more problems found; nothing was written

                """)
    }

    @Test("a large stream that hits the problem cap in its first half reports nothing of the second")
    func problemCapInTheFirstPart() throws {
        // Over 1 MiB, parsed in two halves; 150 broken documents at the start, more in the second half.
        let filler = "apiVersion: v1\nkind: ConfigMap\ndata:\n  k: \"" + String(repeating: "x", count: 1_000) + "\"\n"
        var text = ""
        for n in 1...1_500 { text += "---\n" + (n <= 150 || n > 1_400 ? "broken\(n): [\n" : filler) }
        let result = try run(["lint", "-"], text)
        #expect(result.status == 1)
        let lines = result.stderrText.split(separator: "\n")
        #expect(lines.count == 102, "\(result.stderrText.suffix(500))")
        #expect(lines[99].hasPrefix("<stdin>:201:1: error: document 100: invalid YAML: "))
        #expect(
            lines[100].hasSuffix(
                ": document 100: stopped reading after 100 errors; the rest of the stream was not checked"))
        #expect(!result.stderrText.contains("document 1401"))
    }
}
