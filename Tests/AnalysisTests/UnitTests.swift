import CanaryAdvance
import CanaryAnalysis
import CanaryLifecycle
import CanaryQueries
import Foundation
import TestSupport
import Testing
import YAMLEditing
import YAMLSource
import YAMLStream

@Suite("analysis building blocks")
struct AnalysisUnitTests {
    @Test(
        "--at parses like GNU date",
        arguments: [
            "2026-11-30T06:00:00Z", "2026-11-30t06:00:00.250z", "2026-11-30T08:30:00+02:30",
            "2024-02-29T23:59:59-05:00",
            "1970-01-01T00:00:00Z", "2000-03-01T00:00:00Z",
        ])
    func rfc3339(_ text: String) throws {
        let date = try ProcessRunner.run("/bin/date", ["-u", "-d", text.uppercased(), "+%s.%N"])
        let expected = try #require(Double(date.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)))
        let parsed = try #require(Instant(parsing: text))
        #expect(abs(parsed.seconds - expected) < 1e-6)
        let back = try ProcessRunner.run("/bin/date", ["-u", "-d", "@\(Int(expected))", "+%Y-%m-%dT%H:%M:%SZ"])
        #expect(parsed.rfc3339 + "\n" == back.stdoutText)
    }

    @Test("bad times and durations are refused")
    func refusals() {
        for bad in [
            "", "yesterday", "2026-11-30", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-30T06:00:00", "1e9",
            "-5",
        ] {
            #expect(Instant(parsing: bad) == nil, "\(bad)")
        }
        #expect(Instant(parsing: "1796018400")?.seconds == 1_796_018_400)
        #expect(PromDuration("1h30m")?.seconds == 5400)
        #expect(PromDuration("90s")?.seconds == 90)
        for bad in ["", "5", "m5", "5m1h", "5 m", "0s"] { #expect(PromDuration(bad) == nil, "\(bad)") }
        #expect(PromDuration("0s", allowZero: true)?.seconds == 0)
        #expect(PromDuration.describe(seconds: 252) == "4m12s")
    }

    @Test("templates: placeholders with blanks, swapped for the primary, unknown ones refused")
    func templates() throws {
        let t = try QueryTemplate(#"x{a="{{ canary }}",b="{{primary}}",n="{{namespace}}"}[{{window}}]"#)
        let w = CanaryWorkloads(namespace: "ns", group: "g")
        #expect(
            t.rendered(for: .canary, workloads: w, window: "5m")
                == #"x{a="g-canary-predictor",b="g-primary-predictor",n="ns"}[5m]"#)
        #expect(
            t.rendered(for: .primary, workloads: w, window: "5m")
                == #"x{a="g-primary-predictor",b="g-canary-predictor",n="ns"}[5m]"#)
        #expect(throws: QueryTemplate.Problem.unknownPlaceholder("target", template: "up{{target}}")) {
            try QueryTemplate("up{{target}}")
        }
        #expect(throws: QueryTemplate.Problem.unterminated(template: "up{{canary")) { try QueryTemplate("up{{canary") }
    }

    func location(_ text: String, _ selector: ValuesSelector = ValuesSelector()) throws -> ValuesLocation {
        try LifecyclePlanner(selector: selector).read(SourceBuffer(text)).location
    }

    @Test("namespace and group: targetNamespace, releaseName, fullnameOverride, --namespace/--name")
    func names() throws {
        let hr = { (meta: String, spec: String, values: String) in
            "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: sklearn\n"
                + "\(meta)spec:\n\(spec)  values:\n    primaryLoad: 90\n\(values)"
        }
        #expect(
            try CanaryWorkloads.derive(from: location(hr("  namespace: dev\n", "", "")), namespace: nil, name: nil)
                == CanaryWorkloads(namespace: "dev", group: "sklearn"))
        #expect(
            try CanaryWorkloads.derive(
                from: location(hr("  namespace: flux-system\n", "  targetNamespace: prod\n", "")), namespace: nil,
                name: nil)
                == CanaryWorkloads(namespace: "prod", group: "prod-sklearn"))
        #expect(
            try CanaryWorkloads.derive(
                from: location(hr("  namespace: dev\n", "  releaseName: fraud\n", "    fullnameOverride: risk\n")),
                namespace: nil, name: nil)
                == CanaryWorkloads(namespace: "dev", group: "risk"))
        #expect(
            try CanaryWorkloads.derive(from: location(hr("", "", "")), namespace: "x", name: "y")
                == CanaryWorkloads(namespace: "x", group: "y"))
        #expect(throws: AnalysisError.workloads(.noNamespace(inHelmRelease: true))) {
            try CanaryWorkloads.derive(from: location(hr("", "", "")), namespace: nil, name: nil)
        }
        let long = String(repeating: "a", count: 50)
        #expect(throws: AnalysisError.self) {
            try CanaryWorkloads.derive(
                from: location(hr("  namespace: dev\n", "  targetNamespace: \(long)\n", "")), namespace: nil, name: nil)
        }
    }

    func edit(_ text: String, _ state: AdvanceState) throws -> String {
        let source = SourceBuffer(text)
        let store = AdvanceStateStore(location: try location(text))
        return String(decoding: EditApplier.apply(try store.edits(for: state), to: source), as: UTF8.self)
    }

    static let head = "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: s\n  namespace: d\n"
    static let tail = "spec:\n  values:\n    primaryLoad: 90\n"
    static let state = AdvanceState(canary: "gs://m/2", failures: 2, lastStep: Instant(seconds: 1_796_018_400))

    @Test("state edits: new annotations block, existing block, flow and empty annotations, removal")
    func stateEdits() throws {
        let q = #"kserve-canary.io/canary: "gs://m/2""#
        #expect(
            try edit(Self.head + Self.tail, Self.state) == Self.head
                + "  annotations:\n    \(q)\n    kserve-canary.io/failures: \"2\"\n"
                + "    kserve-canary.io/last-step: \"2026-11-30T06:00:00Z\"\n"
                + Self.tail)
        let existing =
            Self.head + "  annotations:\n    team: risk   # owner\n    kserve-canary.io/failures: \"1\"\n" + Self.tail
        #expect(
            try edit(existing, Self.state) == Self.head
                + "  annotations:\n    team: risk   # owner\n    kserve-canary.io/failures: \"2\"\n    \(q)\n"
                + "    kserve-canary.io/last-step: \"2026-11-30T06:00:00Z\"\n"
                + Self.tail)
        #expect(
            try edit(existing, AdvanceState()) == Self.head + "  annotations:\n    team: risk   # owner\n" + Self.tail)
        let ours = Self.head + "  annotations:\n    kserve-canary.io/failures: \"1\"\n" + Self.tail
        #expect(try edit(ours, AdvanceState()) == Self.head + Self.tail)
        let flow = Self.head + "  annotations: {team: risk}\n" + Self.tail
        #expect(
            try edit(flow, AdvanceState(canary: "gs://m/2", failures: 1)) == Self.head
                + "  annotations: {team: risk, \"kserve-canary.io/canary\": \"gs://m/2\", "
                + "\"kserve-canary.io/failures\": \"1\"}\n"
                + Self.tail)
        let empty = Self.head + "  annotations: {}\n" + Self.tail
        #expect(
            try edit(empty, AdvanceState(failures: 1)) == Self.head
                + "  annotations: {\"kserve-canary.io/failures\": \"1\"}\n" + Self.tail)
        // Every edited file reads back as the state written.
        for text in [Self.head + Self.tail, existing, flow, empty] {
            let edited = try edit(text, Self.state)
            #expect(try AdvanceStateStore(location: location(edited)).read() == Self.state)
        }
    }
}
