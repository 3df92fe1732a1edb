import Foundation
import TestSupport
import Testing

/// Hostile input through the real binary: a clear error or a correct result, within the tool's own
/// bounds, never a crash. No test here measures time (that is Benchmarks/' job): each checks a
/// bound the work must stay within.
@Suite("Hostile input")
struct HostileInputTests {
    func run(_ input: [UInt8], _ args: [String] = []) throws -> ProcessResult {
        try ProcessRunner.run(try ToolPaths.binary(), args, stdin: input)
    }

    /// Thirty levels of `[*a, *a]`: 2^31 nodes once expanded. Everything that reads a document as
    /// values (`YAMLValueReader`) or reads an edit back (`ReadBack`) refuses a document that expands
    /// past `YAMLValueReader.maxExpandedNodes` (2,000,000) nodes, so exit 0 with the right output
    /// shows that nothing expanded the aliases, in a document passed through and in one edited and
    /// read back.
    static let aliasBomb: [String] =
        ["a: &a [\"lol\"]"]
        + (1...30).map { i in
            let previous = i == 1 ? "a" : "a\(i - 1)"
            return "a\(i): &a\(i) [*\(previous), *\(previous)]"
        }

    @Test func aliasBombIsNeverExpanded() throws {
        let plain = Self.aliasBomb.joined(separator: "\n") + "\n"
        let result = try run(Array(plain.utf8))
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdout == Array(plain.utf8))

        let release =
            "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: x-primary}\nspec:\n"
            + "  chart: {spec: {chart: kserve-model}}\n  values:\n    inferenceservice:\n      predictor:\n"
            + "        model:\n          storageUri: s3://a\n    bomb:\n"
            + Self.aliasBomb.map { "      " + $0 + "\n" }.joined()
        let edited = try run(Array(release.utf8))
        #expect(edited.status == 0, "\(edited.stderrText)")
        #expect(
            edited.stdoutText
                == release.replacingOccurrences(
                    of: "storageUri: s3://a\n", with: "storageUri: s3://a\n          args: [--model_name=x]\n"))
    }

    @Test(arguments: ["flow", "block"])
    func deepNestingIsRefusedWithoutCrashing(_ shape: String) throws {
        let depth = 100_000
        let body =
            shape == "flow"
            ? "v: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
            : "v:\n" + String(repeating: "- ", count: depth) + "x\n"
        let result = try run(Array(body.utf8))
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        // Flow nesting uses up the stream's allowance of deep flow levels first.
        #expect(
            result.stderrText.contains("nested deeper than 10000 levels")
                || (shape == "flow" && result.stderrText.contains("nest deeper than 64 levels too often")))
    }

    @Test func deepNestingInsideAnEditedRelease() throws {
        let body =
            """
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata: {name: x-primary}
            spec:
              chart: {spec: {chart: kserve-model}}
              values:
                inferenceservice:
                  predictor:
                    model:
                      storageUri: s3://a

            """
            + "          extra: "
            + String(repeating: "[", count: 9_000) + String(repeating: "]", count: 9_000) + "\n"
        let result = try run(Array(body.utf8))
        #expect(result.status == 0)
        #expect(
            result.stdoutText.hasSuffix(String(repeating: "]", count: 9_000) + "\n          args: [--model_name=x]\n"))
    }

    @Test(arguments: ["flow", "block"])
    func hundredThousandDeepInsideAnEditedReleaseIsRefused(_ shape: String) throws {
        let depth = 100_000
        let nested =
            shape == "flow"
            ? "          extra: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
            : "          extra:\n            " + String(repeating: "- ", count: depth) + "x\n"
        let body =
            """
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata: {name: x-primary}
            spec:
              chart: {spec: {chart: kserve-model}}
              values:
                inferenceservice:
                  predictor:
                    model:
                      storageUri: s3://a

            """
            + nested
        let result = try run(Array(body.utf8))
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderrText.contains("error: document 1: invalid YAML: collections nested deeper than 10000 levels")
                || (shape == "flow"
                    && result.stderrText.contains(
                        "error: document 1: invalid YAML: flow collections ([...], {...}) nest deeper"))
        )
    }

    /// The input is held once: the peak memory of the run stays below one copy of the input, the
    /// buffer libyaml scans the scalar into (it doubles, so up to 1.28 times the scalar) and the
    /// runtime's share. One more copy of the input anywhere (reading, the scalar value, the output)
    /// would exceed it. (Scalars over 64 KiB are not copied into the document: YAMLStreamParserTests.)
    @Test func hundredMegabyteScalarPassesThroughHeldOnce() throws {
        var input = Array("big: \"".utf8)
        input += [UInt8](repeating: UInt8(ascii: "x"), count: 100 << 20)
        input += Array("\"\n---\nsmall: 1\n".utf8)
        let measured = try ProcessRunner.runMeasuringMemory(try ToolPaths.binary(), stdin: input)
        let result = measured.result
        #expect(result.status == 0)
        #expect(result.stdout.count == input.count)
        #expect(result.stdout == input)
        let peak = measured.peakResidentBytes
        let bound = input.count * 5 / 2 + (64 << 20)
        #expect(
            peak < bound,
            "peak memory \(peak >> 20) MiB for a \(input.count >> 20) MiB input (bound \(bound >> 20) MiB)")
    }

    @Test(arguments: [
        ("invalid UTF-8", Array("a: 1\nb: \"".utf8) + [0xFF, 0xFE] + Array("\"\n".utf8), "2:5"),
        ("NUL byte", Array("a: 1\nb: x".utf8) + [0] + Array("\n".utf8), "2:5"),
        ("binary garbage", [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00], "1:1"),
    ])
    func badBytesAreErrorsWithPositions(_ name: String, _ input: [UInt8], _ position: String) throws {
        let result = try run(input)
        #expect(result.status == 1, "\(name)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText.hasPrefix("<stdin>:\(position): error: document 1"), "\(name): \(result.stderrText)")
    }

    @Test func bomCRLFAndMixedLineEndsPassThrough() throws {
        let input: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: 1\r\nb: 2\nc: |\r\n  x\r\n  y\n---\r\nd: 4".utf8)
        let result = try run(input)
        #expect(result.status == 0)
        #expect(result.stdout == input)
    }

    @Test func duplicateKeysInAnEditedDocumentAreErrors() throws {
        let text =
            """
            apiVersion: helm.toolkit.fluxcd.io/v2
            kind: HelmRelease
            metadata: {name: x-primary}
            spec:
              chart: {spec: {chart: kserve-model}}
              values:
                inferenceservice: {predictor: {model: {storageUri: a}}}
              values: {}

            """
        let result = try run(Array(text.utf8))
        #expect(result.status == 1)
        #expect(
            result.stderrText.contains(
                "<stdin>:8:3: error: document 1 (HelmRelease/x-primary): duplicate key \"values\" (first at 6:3)"))
    }

    @Test func duplicateKeysInUntouchedDocumentsPassThrough() throws {
        let text = "a: 1\na: 2\n"
        let result = try run(Array(text.utf8))
        #expect(result.status == 0)
        #expect(result.stdout == Array(text.utf8))
    }
}
