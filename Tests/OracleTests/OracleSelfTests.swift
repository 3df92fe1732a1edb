import Foundation
import TestSupport
import Testing

/// The oracle itself: the rules as written, and a judge that does fail on wrong output.
@Suite("kubectl oracle: the oracle itself")
struct OracleSelfTests {
    static let group = """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: m-primary}
        spec:
          chart: {spec: {chart: kserve-model}}
          values:
            inferenceservice:
              predictor:
                model:
                  storageUri: gs://m/1
                  newStorageUri: gs://m/2
        ---
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: m-canary}
        spec:
          chart: {spec: {chart: kserve-model}}
          values:
            inferenceservice:
              predictor:
                model:
                  args: [--workers=2, --model_name, x]
                  storageUri: gs://m/1
                  newStorageUri: gs://m/2
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: m-predictor}
        spec:
          http:
          - route:
            - destination: {host: m-primary-predictor}
              weight: WEIGHT
            - destination: {host: m-canary-predictor.NS}
              weight: 40

        """

    static func stream(weight: String = "60", host: String = "") -> [UInt8] {
        Array(
            group.replacingOccurrences(of: "WEIGHT", with: weight)
                .replacingOccurrences(of: ".NS", with: host).utf8)
    }

    @Test(arguments: [
        (["--model_name", "--workers=2"], ["--workers=2"]),
        (["--model_name", "x", "-v"], ["-v"]),
        (["--model_name=a", "--w", "--model_name"], ["--w"]),
        (["--model_name="], []),
    ])
    func modelArgsFollowTheRule(_ args: [String], _ kept: [String]) {
        #expect(
            RulesOracle.modelArgs(args.map(JSONValue.string), name: "g")
                == (kept + ["--model_name=g"]).map(JSONValue.string))
    }

    @Test func largestRemainderAllowsEveryTieOrder() {
        #expect(RulesOracle.largestRemainder([.int(2), .int(1)]) == [[.int(67), .int(33)]])
        #expect(RulesOracle.largestRemainder([.int(1), .int(1)]) == [[.int(50), .int(50)]])
        #expect(RulesOracle.largestRemainder([.int(1), .int(1), .int(1)])?.count == 3)
        #expect(RulesOracle.largestRemainder([.int(5), nil]) == [[.int(100), .int(0)]])
        #expect(RulesOracle.largestRemainder([.int(0), .int(0)]) == nil)
        #expect(RulesOracle.largestRemainder([.string("60"), .int(40)]) == nil)
    }

    @Test func istioResolvesOnlyShortNamesAndFullNames() {
        #expect(StreamModel.resolve("a", namespace: "ns") == StreamModel.serviceKey("a", "ns"))
        #expect(StreamModel.resolve("a.ns.svc.cluster.local", namespace: "x") == StreamModel.serviceKey("a", "ns"))
        #expect(StreamModel.resolve("a.ns", namespace: "ns") == nil)
        #expect(StreamModel.resolve("a.ns.svc", namespace: "ns") == nil)
    }

    func judge(
        _ stream: [UInt8], output: [UInt8]?, status: Int32 = 0, stderr: String = "",
        features: Set<String> = []
    ) throws -> Verdict {
        let reader = KubectlReader(kubectl: try ToolPaths.kubectl(), scratch: NSTemporaryDirectory())
        let c = OracleCase(id: "self", stream: stream, arguments: [], features: features)
        let first = Spawner.Result(status: status, stdout: output ?? [], stderr: Array(stderr.utf8))
        let second = status == 0 ? first : nil
        return Judge.judge(
            c, input: try reader.readOne(stream), runs: .init(first: first, second: second),
            output: status == 0 ? try reader.readOne(output ?? []) : nil)
    }

    @Test func passThroughOfAGroupIsADisagreement() throws {
        let v = try judge(Self.stream(), output: Self.stream())
        #expect(v.outcome == .disagreement)
        // One difference per release: the first by path (args sorts before newStorageUri and storageUri).
        #expect(v.problems.map(\.category) == ["value-differs.args", "value-differs.args"])
    }

    @Test func octalWeightsMustBeRefused() throws {
        let v = try judge(Self.stream(weight: "060"), output: Self.stream(weight: "060"))
        #expect(v.expectation.hasPrefix("must refuse"))
        #expect(v.problems.map(\.category).contains("accepted-invalid"))
        #expect(v.problems.map(\.category).contains("weights-not-100"))
    }

    @Test func dottedHostMustBeRefused() throws {
        let v = try judge(Self.stream(host: ".default"), output: nil, status: 1, stderr: "<stdin>:3:9: error: x\n")
        #expect(v.outcome == .refusedRequired)
    }

    @Test func refusalNeedsALocationAndAnEmptyStdout() throws {
        let v = try judge(Self.stream(), output: Array("a".utf8), status: 1, stderr: "error: no location\n")
        #expect(v.problems.map(\.category) == ["refusal-wrote-stdout", "refusal-without-location"])
        let refused = try judge(Self.stream(), output: nil, status: 1, stderr: "<stdin>:1:1: error: no\n")
        #expect(refused.problems.map(\.category) == ["over-refusal"])
        let tolerated = try judge(
            Self.stream(), output: nil, status: 1, stderr: "<stdin>:1:1: error: no\n",
            features: ["storageUri.literal"])
        #expect(tolerated.outcome == .refusedValid)
    }

    @Test func aCorrectOutputAgrees() throws {
        let output = Self.stream()
            .split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
            .filter { !$0.contains("newStorageUri") }
            .joined(separator: "\n")
            .replacingOccurrences(
                of: "args: [--workers=2, --model_name, x]\n          storageUri: gs://m/1",
                with: "args: [--workers=2, --model_name=m]\n          storageUri: gs://m/2"
            )
            .replacingOccurrences(
                of: "storageUri: gs://m/1\n---", with: "storageUri: gs://m/1\n          args: [--model_name=m]\n---")
        let v = try judge(Self.stream(), output: Array(output.utf8))
        #expect(v.outcome == .accepted, "\(v.problems.map(\.detail))")
    }
}
