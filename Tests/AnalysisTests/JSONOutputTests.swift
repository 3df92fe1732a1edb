import CanaryAnalysis
import CanaryLifecycle
import CanaryQueries
import Foundation
import Testing

@testable import AnalysisHTTP
@testable import CanaryAdvance

/// The JSON outputs are `Codable` types encoded by `JSONEncoder`: sorted keys (the only stable
/// order), `null` for absent values, numbers rounded to 6 decimals; they decode back to the same values.
@Suite("JSON output")
struct JSONOutputTests {
    static let workloads = CanaryWorkloads(namespace: "healthy", group: "sklearn")

    static func report(release: ReleaseIdentity?) -> AnalysisReport {
        let checks = [
            CheckOutcome(
                name: "enough-traffic", result: .pass, canary: 600, primary: 5400, threshold: 50,
                unit: "requests", condition: "canary >= 50", detail: "600 canary requests in 5m",
                query: "q1", primaryQuery: "p1"),
            CheckOutcome(
                name: "errors", result: .pass, canary: 0.1 + 0.2, primary: .nan, threshold: nil, unit: "%",
                condition: "canary <= primary + 1", detail: "\"quoted\" / slashed", query: "q2"),
        ]
        return AnalysisReport(
            file: "clusters/dev/sklearn.yaml", release: release, workloads: workloads,
            newStorageUri: "gs://models/sklearn/2", at: Instant(seconds: 1_796_018_400.5),
            prometheus: "http://prometheus:9090", settings: AnalysisSettings(),
            verdict: AnalysisVerdict(checks: checks, canaryWeight: 10))
    }

    /// The keys of the objects at `indent` spaces in pretty-printed `text`, in written order.
    static func keys(_ text: String, indent: Int) -> [String] {
        let prefix = String(repeating: " ", count: indent) + "\""
        return text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix(prefix), line.dropFirst(prefix.count).first != " " else { return nil }
            return line.dropFirst(prefix.count).split(separator: "\"", maxSplits: 1).first.map(String.init)
        }
    }

    @Test("analyze --output json: the documented keys, sorted, null for absent values, decodes back")
    func analyzeReport() throws {
        let report = Self.report(release: ReleaseIdentity(namespace: "sample-dev", name: "sklearn"))
        let text = AnalysisJSON.pretty(report.document)
        #expect(text == AnalysisJSON.pretty(report.document), "stable")
        let top = Self.keys(text, indent: 2)
        #expect(
            top == [
                "at", "canaryWeight", "canaryWorkload", "checks", "file", "group", "namespace", "newStorageUri",
                "primaryWorkload", "prometheus", "reason", "release", "time", "verdict", "window",
            ])
        #expect(top == top.sorted())
        let checkKeys = [
            "canary", "condition", "detail", "name", "primary", "primaryQuery", "query", "result",
            "threshold", "unit",
        ]
        #expect(Self.keys(text, indent: 6) == checkKeys + checkKeys)
        #expect(text.hasSuffix("}\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["release"] as? String == "sample-dev/sklearn")
        #expect(object["time"] as? Double == 1_796_018_400.5)
        let errors = try #require((object["checks"] as? [[String: Any]])?.last)
        #expect(errors["canary"] as? Double == 0.3, "rounded to 6 decimals")
        #expect(errors["primary"] is NSNull && errors["threshold"] is NSNull && errors["primaryQuery"] is NSNull)
        #expect(errors["detail"] as? String == "\"quoted\" / slashed")
        #expect(text.contains("http://prometheus:9090"), "slashes are not escaped")
        let decoded = try JSONDecoder().decode(AnalysisReport.Document.self, from: Data(text.utf8))
        var expected = report.document
        expected.checks[1].canary = 0.3
        expected.checks[1].primary = nil
        #expect(decoded == expected)
        let valuesFile = AnalysisJSON.pretty(Self.report(release: nil).document)
        #expect(try JSONSerialization.jsonObject(with: Data(valuesFile.utf8)) as? [String: Any] != nil)
        #expect((try JSONSerialization.jsonObject(with: Data(valuesFile.utf8)) as? [String: Any])?["release"] is NSNull)
    }

    @Test("the gate's body: Flagger's webhook payload on one line, keys sorted")
    func gatePayload() throws {
        let payload = GatePayload(
            workloads: Self.workloads, from: 10, to: 25, promote: false,
            report: Self.report(release: nil))
        #expect(
            AnalysisJSON.compact(payload) == #"{"checksum":"gs://models/sklearn/2","metadata":{"#
                + #""canaryWeight":"10","canaryWorkload":"sklearn-canary-predictor","#
                + #""file":"clusters/dev/sklearn.yaml","newStorageUri":"gs://models/sklearn/2","#
                + #""nextCanaryWeight":"25","primaryWorkload":"sklearn-primary-predictor","promote":"false","#
                + #""verdict":"pass"},"name":"sklearn","namespace":"healthy","phase":"Progressing"}"#)
        let back = try JSONDecoder().decode(GatePayload.self, from: Data(AnalysisJSON.compact(payload).utf8))
        #expect(back == payload)
    }

    @Test("advance --output json: the documented keys, sorted, states with null, decodes back")
    func advanceOutcome() throws {
        let state = AdvanceState(
            canary: "gs://models/sklearn/2", failures: 1,
            lastStep: Instant(seconds: 1_796_018_400))
        #expect(AnalysisJSON.compact(AdvanceState()) == #"{"canary":null,"failures":0,"lastStep":null}"#)
        #expect(
            AnalysisJSON.compact(state)
                == #"{"canary":"gs://models/sklearn/2","failures":1,"lastStep":"2026-11-30T06:00:00Z"}"#)
        #expect(try JSONDecoder().decode(AdvanceState.self, from: Data(AnalysisJSON.compact(state).utf8)) == state)
        let outcome = AdvanceOutcome(
            decision: .countFailure, summary: "fail (...); failure 1/3 recorded",
            report: Self.report(release: nil), before: AdvanceState(), after: state,
            edits: [], weightBefore: 10, weightAfter: 10)
        let document = outcome.document(file: "hr.yaml", dryRun: true, maxFailures: 3)
        let text = AnalysisJSON.compact(document)
        #expect(!text.contains("\n"))
        #expect(text.hasPrefix(#"{"analysis":{"at":"2026-11-30T06:00:00Z","canaryWeight":10,"#))
        #expect(
            text.hasSuffix(
                #""maxFailures":3,"nextCanaryWeight":10,"stateAfter":{"canary":"gs://models/sklearn/2","#
                    + #""failures":1,"lastStep":"2026-11-30T06:00:00Z"},"stateBefore":{"canary":null,"failures":0,"#
                    + #""lastStep":null},"summary":"fail (...); failure 1/3 recorded","verdict":"pass"}"#))
        var decoded = try JSONDecoder().decode(AdvanceOutcome.Document.self, from: Data(text.utf8))
        #expect(decoded.stateAfter == state && decoded.verdict == .pass)
        decoded.analysis = document.analysis
        #expect(decoded == document)
        let idle = AdvanceOutcome(
            decision: .idle, summary: "no canary", report: nil, before: AdvanceState(),
            after: AdvanceState(), edits: [], weightBefore: 0, weightAfter: 0)
        let idleText = AnalysisJSON.compact(idle.document(file: "f", dryRun: false, maxFailures: 3))
        #expect(idleText.hasPrefix(#"{"analysis":null,"#) && idleText.hasSuffix(#""verdict":null}"#))
    }

    @Test("the dashboard decodes back to the document it was made from")
    func dashboard() throws {
        let text = Dashboard.json()
        let decoded = try JSONDecoder().decode(GrafanaDashboard.self, from: Data(text.utf8))
        #expect(decoded == Dashboard.document)
        #expect(decoded.panels.flatMap(\.targets).count == 12)
        #expect(Self.keys(text, indent: 2) == Self.keys(text, indent: 2).sorted())
    }

    static func answer(_ body: String, status: Int = 200) -> HTTPSession.Answer {
        HTTPSession.Answer(status: status, contentType: "application/json", body: Array(body.utf8))
    }

    @Test("Prometheus answers: one number, nothing, or a typed problem")
    func prometheusAnswers() throws {
        func decode(_ body: String, status: Int = 200) throws(AnswerProblem) -> QueryValue {
            try PrometheusClient.decode(Self.answer(body, status: status))
        }
        let vector = #"{"status":"success","data":{"resultType":"vector","result":["#
        #expect(try decode(vector + #"{"metric":{},"value":[1,"2.5"]}]}}"#) == .value(2.5))
        #expect(try decode(vector + "]}}") == .empty)
        #expect(try decode(vector + #"{"metric":{},"value":[1,"NaN"]}]}}"#) == .empty)
        #expect(try decode(#"{"status":"success","data":{"resultType":"scalar","result":[1,"7"]}}"#) == .value(7))
        #expect(throws: AnswerProblem.severalSeries(count: 2, labels: [#"{a="1"}"#, #"{a="2"}"#])) {
            try decode(vector + #"{"metric":{"a":"1"},"value":[1,"1"]},{"metric":{"a":"2"},"value":[1,"2"]}]}}"#)
        }
        #expect(throws: AnswerProblem.notInstant(resultType: "matrix")) {
            try decode(#"{"status":"success","data":{"resultType":"matrix","result":[]}}"#)
        }
        #expect(
            throws: AnswerProblem.apiError(
                status: 400, errorType: "bad_data", error: "parse error",
                apiStatus: "error")
        ) {
            try decode(#"{"status":"error","errorType":"bad_data","error":"parse error"}"#, status: 400)
        }
        #expect(throws: AnswerProblem.notAnAPIAnswer(status: 404, excerpt: "404 page not found")) {
            try decode("404 page not found\n", status: 404)
        }
        #expect(throws: AnswerProblem.noFloatValue) { try decode(vector + #"{"metric":{},"histogram":[1,{}]}]}}"#) }
        #expect(
            AnswerProblem.notInstant(resultType: "matrix").description
                == "the result is a range vector (matrix), not an instant vector or scalar")
    }
}
