import Foundation
import TestSupport
import Testing

/// Issue 10, section 7: thousands of generated kserve-general-like streams through the built
/// binary, each judged by kubectl's reading of its input and output.
///
/// Environment: `KSERVE_CANARY_ORACLE_SEED` (default fixed), `KSERVE_CANARY_ORACLE_CASES`
/// (default 2000), `KSERVE_CANARY_ORACLE_OUT` (where failing streams go; default
/// `.build/oracle-failures`), `KSERVE_CANARY_ORACLE_MINIMIZE` (how many causes to shrink, default 2;
/// `_MINIMIZE_LINES=1` also removes single lines),
/// `KSERVE_CANARY_ORACLE_TABLE=1` (print the per-feature table even when all agree),
/// `KSERVE_CANARY_ORACLE_DUMP=DIR` (write every case and its verdict there).
@Suite("kubectl oracle: generated streams")
struct GeneratedStreamTests {
    static let defaultSeed: UInt64 = 20_251_130
    static let defaultCases = 2000

    static func setting(_ name: String) -> String? {
        ProcessInfo.processInfo.environment["KSERVE_CANARY_ORACLE_" + name].flatMap { $0.isEmpty ? nil : $0 }
    }

    @Test func everyGeneratedStreamAgreesWithKubectl() throws {
        let seed = Self.setting("SEED").flatMap(UInt64.init) ?? Self.defaultSeed
        let count = Self.setting("CASES").flatMap(Int.init) ?? Self.defaultCases
        let out = Self.setting("OUT") ?? ToolPaths.repositoryRoot + "/.build/oracle-failures"
        let started = Date()
        let generator = CaseGenerator(seed: seed)
        let cases = try parallelMap(0..<count) { generator.make(index: $0) }
        let generated = Date().timeIntervalSince(started)
        let run = try OracleRun()
        defer { run.cleanUp() }
        let verdicts = try run.judge(cases)
        let report = OracleReport(cases: cases, verdicts: verdicts)
        if let dump = Self.setting("DUMP") {
            for (c, v) in zip(cases, verdicts) { try OracleReport.save(c, v, to: dump, name: c.id) }
        }
        let seconds = Date().timeIntervalSince(started)

        var text =
            "kubectl oracle: seed \(seed), \(count) streams in \(String(format: "%.1f", seconds)) s "
            + "(generating \(String(format: "%.1f", generated)) s, \(run.timings.summary)): \(report.totals)\n"
        let failing = report.disagreements
        if !failing.isEmpty || Self.setting("TABLE") != nil {
            text += report.featureTable + "\nrefusals of valid inputs, by message:\n"
            for r in report.refusalsOfValidInputs { text += "  \(r.count) x \(r.message.prefix(220))\n" }
        }
        if !failing.isEmpty {
            if Self.setting("OUT") == nil { try? FileManager.default.removeItem(atPath: out) }  // no stale cases
            try report.save(to: out)
            text +=
                "\(failing.count) disagreements; streams saved in \(out) (rerun: KSERVE_CANARY_ORACLE_SEED=\(seed) "
                + "KSERVE_CANARY_ORACLE_CASES=\(count))\nby cause:\n"
            for cause in report.causes { text += "  \(cause.count) x \(cause.signature)   e.g. \(cause.example)\n" }
            let shrink = Self.setting("MINIMIZE").flatMap(Int.init) ?? 2
            let lines = Self.setting("MINIMIZE_LINES") != nil
            let minimizer = Minimizer(run: run, lines: lines, budget: lines ? 400 : 40)
            for cause in report.causes.prefix(shrink) {
                guard let (c, v) = failing.first(where: { $0.0.id == cause.example }) else { continue }
                let (small, verdict) = try minimizer.minimize(c, v)
                try OracleReport.save(small, verdict, to: out, name: c.id + "-minimal")
                text += "\n--- minimal stream of \(c.id) (\(out)/\(c.id)-minimal.yaml):\n"
                text += String(decoding: small.stream, as: UTF8.self) + "\n" + OracleReport.describe(small, verdict)
            }
        }
        print(text)
        let skipped = report.count(.skipped)
        let disagreements = failing.count
        #expect(skipped == 0, "the generator wrote streams kubectl cannot read")
        #expect(
            disagreements == 0, "\(disagreements) of \(count) streams disagree with kubectl (seed \(seed)); see \(out)")
    }

    @Test func generatorIsDeterministic() {
        let a = CaseGenerator(seed: 7)
        let b = CaseGenerator(seed: 7)
        for i in [0, 1, 99] {
            #expect(a.make(index: i).stream == b.make(index: i).stream)
            #expect(a.make(index: i).arguments == b.make(index: i).arguments)
        }
        #expect(a.make(index: 1).stream != a.make(index: 2).stream)
    }
}
