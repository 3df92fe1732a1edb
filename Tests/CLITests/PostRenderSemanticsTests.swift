import Foundation
import TestSupport
import Testing

/// Issue 10 §1, §3, §4: focused streams through the built binary. Accepted streams are judged by
/// kubectl's reading of input and output (one kubectl call for every input, one for every
/// output); refused streams must print exactly their `.errors` lines and nothing on stdout.
@Suite("Post-render, judged by kubectl")
struct PostRenderSemanticsTests {
    static let fixtures = ToolPaths.repositoryRoot + "/Tests/CLITests/Fixtures/post-render"
    static let regressions = ToolPaths.repositoryRoot + "/Tests/OracleTests/Regressions"

    /// An accepted stream: where it is, the arguments, and the expected changes, keyed by
    /// `namespace/name` (empty namespace when the object names none). Every other object and value
    /// must read exactly as in the input.
    struct Accepted: Sendable, CustomTestStringConvertible {
        var path: String
        var arguments: [String] = []
        var models: [String: (String, [String])] = [:]
        var weights: [String: [[Int]]] = [:]
        var testDescription: String { URL(fileURLWithPath: path).lastPathComponent }
    }

    static func sklearn(
        _ namespace: String, canary: String = "gs://models/sklearn/2", primary: String = "gs://models/sklearn/1",
        canaryArgs: [String] = ["--model_name=sklearn"], primaryArgs: [String] = ["--model_name=sklearn"]
    )
        -> [String: (String, [String])]
    {
        [namespace + "/sklearn-canary": (canary, canaryArgs), namespace + "/sklearn-primary": (primary, primaryArgs)]
    }

    static func merged(_ parts: [[String: (String, [String])]]) -> [String: (String, [String])] {
        parts.reduce(into: [:]) { $0.merge($1) { first, _ in first } }
    }

    static let workers = ["--workers=2", "--model_name=sklearn"]

    static let accepted: [Accepted] = [
        // §1: block scalars replaced (storageUri, an args item), copied (newStorageUri) and removed.
        Accepted(
            path: fixtures + "/accepted/block-scalars.yaml",
            models: merged([
                sklearn("literal", canary: "gs://m/2", primary: "gs://m/1", canaryArgs: workers),
                sklearn("folded", canary: "gs://m/2", primary: "gs://m/1"),
                sklearn("keep", canary: "gs://m/2", primary: "gs://m/1\n\n"),  // `|+` keeps the blank line
                sklearn("new-block", canary: "gs://m/2", primary: "gs://m/1"),
                sklearn("new-keep", canary: "gs://m/2\n", primary: "gs://m/1"),
                sklearn("args-last", canary: "gs://m/2", primary: "gs://m/1", canaryArgs: workers),
                sklearn(
                    "args-middle", canary: "gs://m/2", primary: "gs://m/1", canaryArgs: workers, primaryArgs: workers),
            ])),
        // §1: a flow model mapping rewritten; `extra: !!str ` stays the empty string.
        Accepted(
            path: fixtures + "/accepted/flow-model.yaml",
            models: sklearn(
                "models", canary: "gs://m/2", primary: "gs://m/1",
                canaryArgs: ["--a=b, c", "060", "--model_name=sklearn"])),
        // §3: repeated kind and metadata.name: the last wins, so these are not model releases.
        Accepted(path: fixtures + "/accepted/duplicate-keys-last-wins.yaml"),
        // §3: no metadata.namespace anywhere: still a group, still edited.
        Accepted(path: fixtures + "/accepted/namespace-less.yaml", models: sklearn("")),
        // §3: a VirtualService inside a List gets --primary-load; releases inside a List are edited.
        Accepted(
            path: fixtures + "/accepted/list-wrapped-virtualservice-primary-load.yaml",
            arguments: ["post-render", "--primary-load", "70"], models: sklearn("models"),
            weights: ["models/sklearn-predictor": [[70, 30]]]),
        Accepted(path: regressions + "/list-wrapped-releases.yaml", models: sklearn("models")),
        // §3: spec.targetNamespace is where the predictors land (releaseName keeps their names);
        // unrouted, their names do not matter.
        Accepted(
            path: regressions + "/target-namespace-fqdn.yaml", arguments: ["post-render", "--primary-load", "80"],
            models: sklearn("models"), weights: ["models/sklearn-predictor": [[80, 20]]]),
        Accepted(path: fixtures + "/accepted/target-namespace-not-routed.yaml", models: sklearn("models")),
        // §3: --primary-load leaves the header-match route alone.
        Accepted(
            path: regressions + "/primary-load-header-route-both-variants.yaml",
            arguments: ["post-render", "--primary-load", "80"], models: sklearn("models"),
            weights: ["models/sklearn-predictor": [[50, 50], [80, 20]]]),
        // §3: a route matched on queryParams (any condition but the path) is a forced route:
        // --primary-load sets only the match-less route.
        Accepted(
            path: regressions + "/primary-load-query-params-forced-route.yaml",
            arguments: ["post-render", "--primary-load", "70"],
            models: sklearn("default", canary: "gs://m/2", primary: "gs://m/1"),
            weights: ["default/sklearn-predictor": [[], [], [70, 30]]]),
        // §4: anchored storageUris that aliases read, left byte for byte by the edits beside them
        // (newStorageUri removed, args rewritten; block and flow): the aliases read the same.
        Accepted(
            path: regressions + "/anchored-sibling-new-storage-uri.yaml",
            models: merged([
                sklearn("models", primaryArgs: workers),
                [
                    "models/xgb-primary": ("gs://models/xgb/1", ["--model_name=xgb"]),
                    "models/xgb-canary": ("gs://models/xgb/2", ["--model_name=xgb"]),
                ],
            ])),
        // §2, §4: storage URIs as kubectl reads them (!!binary text, a timestamp-looking string).
        Accepted(
            path: fixtures + "/accepted/yaml11-storage-uris.yaml",
            models: sklearn("models", canary: "2024-01-02", primary: "gs://m/1")),
        // §2: YAML 1.1 integers (!!int "60", 0x28, 6_0, +40) are the weights kubectl reads; strict
        // accepts them as they are, --primary-load rewrites the default route only.
        Accepted(
            path: fixtures + "/accepted/weights-yaml11.yaml", models: sklearn("models"),
            weights: ["models/sklearn-predictor": [[60, 40], [60, 40]]]),
        Accepted(
            path: fixtures + "/accepted/weights-yaml11.yaml", arguments: ["--primary-load", "70"],
            models: sklearn("models"), weights: ["models/sklearn-predictor": [[60, 40], [70, 30]]]),
        // §2: 060/040 are 48/32; normalize writes integer percentages of that.
        Accepted(
            path: regressions + "/octal-weights-normalize.yaml", arguments: ["post-render", "--weights", "normalize"],
            models: sklearn("models"), weights: ["models/sklearn-predictor": [[60, 40]]]),
    ]

    @Test func acceptedStreamsReadAsTheRulesSay() throws {
        var inputs: [[UInt8]] = []
        var outputs: [[UInt8]] = []
        for c in Self.accepted {
            let input = [UInt8](try Data(contentsOf: URL(fileURLWithPath: c.path)))
            let result = try ProcessRunner.run(try ToolPaths.binary(), c.arguments, stdin: input)
            try #require(result.status == 0, "\(c.testDescription): \(result.stderrText)")
            #expect(result.stderr.isEmpty)
            let again = try ProcessRunner.run(try ToolPaths.binary(), c.arguments, stdin: result.stdout)
            #expect(again.stdout == result.stdout, "\(c.testDescription): a second pass changed the output")
            if c.models.isEmpty && c.weights.isEmpty { #expect(result.stdout == input, "\(c.testDescription)") }
            inputs.append(input)
            outputs.append(result.stdout)
        }
        let before = try KubectlBatch.read(inputs)
        let after = try KubectlBatch.read(outputs)
        for (i, c) in Self.accepted.enumerated() {
            try #require(
                before[i].count == after[i].count, "\(c.testDescription): kubectl reads another number of objects")
            var seen = Set<String>()
            for (input, output) in zip(before[i], after[i]) {
                let key = KubectlBatch.key(input)
                var expected = input
                if let (uri, args) = c.models[key], (input["kind"] as? String) == "HelmRelease" {
                    let model = ["spec", "values", "inferenceservice", "predictor", "model"]
                    expected = KubectlBatch.setting(expected, model + ["storageUri"], uri)
                    expected = KubectlBatch.setting(expected, model + ["args"], args)
                    expected = KubectlBatch.setting(expected, model + ["newStorageUri"], nil)
                    seen.insert(key)
                }
                if let routes = c.weights[key], (input["kind"] as? String) == "VirtualService" {
                    for (r, weights) in routes.enumerated() {
                        for (d, weight) in weights.enumerated() {
                            expected = KubectlBatch.setting(
                                expected, ["spec", "http", r, "route", d, "weight"], weight)
                        }
                    }
                    seen.insert(key)
                }
                #expect(
                    NSDictionary(dictionary: expected).isEqual(to: output),
                    "\(c.testDescription): \(key) reads\n\(output)\nexpected\n\(expected)")
            }
            #expect(seen == Set(c.models.keys).union(c.weights.keys), "\(c.testDescription): objects not found")
        }
    }

    /// A refused stream: `refused/NAME.errors` holds the expected lines (`LINE:COL: error: ...`),
    /// optionally `# arguments: ...`; the input is `refused/NAME.yaml` or the oracle's regression.
    static let refused: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures + "/refused")) ?? []
        return names.filter { $0.hasSuffix(".errors") }.map { String($0.dropLast(".errors".count)) }.sorted()
    }()

    /// The refusals above come from a directory listing: an empty listing must fail, not pass.
    @Test func everyRefusalFixtureIsFound() {
        #expect(Self.refused.count >= 23, "\(Self.refused)")
    }

    @Test(arguments: refused)
    func refusedWithTheReasonAndPosition(_ name: String) throws {
        let local = Self.fixtures + "/refused/" + name + ".yaml"
        let path = FileManager.default.fileExists(atPath: local) ? local : Self.regressions + "/" + name + ".yaml"
        let expected = try String(contentsOfFile: Self.fixtures + "/refused/" + name + ".errors", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let arguments =
            expected.first { $0.hasPrefix("# arguments: ") }
            .map { $0.dropFirst("# arguments: ".count).split(separator: " ").map(String.init) } ?? []
        let lines = expected.filter { !$0.hasPrefix("#") }
        try #require(!lines.isEmpty)
        let input = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let result = try ProcessRunner.run(try ToolPaths.binary(), arguments, stdin: input)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let plural = lines.count == 1 ? "" : "s"
        #expect(
            result.stderrText
                == (lines.map { "<stdin>:" + $0 } + [
                    "kserve-canary: \(lines.count) problem\(plural) found; nothing was written"
                ]).joined(separator: "\n") + "\n")
        // lint reports the same problems, naming the file.
        let lint = try ProcessRunner.run(try ToolPaths.binary(), ["lint"] + arguments.dropFirst() + [path])
        #expect(lint.status == 1)
        #expect(lint.stderrText == lines.map { path + ":" + $0 + "\n" }.joined())
    }
}
