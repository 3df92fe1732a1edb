import Foundation

/// Outcome counts per layout feature, disagreements grouped by cause, and the failing streams
/// written to a directory (so they can become fixtures).
struct OracleReport {
    let cases: [OracleCase]
    let verdicts: [Verdict]

    func count(_ outcome: Verdict.Outcome) -> Int { verdicts.filter { $0.outcome == outcome }.count }

    var disagreements: [(OracleCase, Verdict)] {
        zip(cases, verdicts).filter { $0.1.outcome == .disagreement }
    }

    /// `accepted 1234, refused (required) 56, ...`.
    var totals: String {
        Verdict.Outcome.allCases.map { "\($0.rawValue) \(count($0))" }.joined(separator: ", ")
    }

    /// One row per feature: cases, outcomes, the refusal rate among inputs the rules allow, and the
    /// same rate among valid inputs without the feature (features co-occur: the difference is what
    /// the feature adds).
    var featureTable: String {
        var rows: [String: [Verdict.Outcome: Int]] = [:]
        var validRefused: [String: (refused: Int, valid: Int)] = [:]
        var all = (refused: 0, valid: 0)
        for (c, v) in zip(cases, verdicts) {
            let valid = v.expectation == "valid"
            let refused = v.outcome == .refusedValid || v.problems.first?.category == "over-refusal"
            if valid {
                all.valid += 1
                if refused { all.refused += 1 }
            }
            for f in c.features {
                rows[f, default: [:]][v.outcome, default: 0] += 1
                if valid {
                    validRefused[f, default: (0, 0)].valid += 1
                    if refused { validRefused[f, default: (0, 0)].refused += 1 }
                }
            }
        }
        func rate(_ refused: Int, _ valid: Int) -> String {
            valid == 0 ? "-" : String(format: "%5.1f%% (%d/%d)", 100 * Double(refused) / Double(valid), refused, valid)
        }
        let header =
            "feature".padding(toLength: 40, withPad: " ", startingAt: 0)
            + " cases accepted refused(req) refused(valid) disagree  refused-of-valid     without-it"
        let lines = rows.keys.sorted().map { f -> String in
            let r = rows[f]!
            let vr = validRefused[f] ?? (0, 0)
            return f.padding(toLength: 40, withPad: " ", startingAt: 0)
                + pad(r.values.reduce(0, +), 6) + pad(r[.accepted] ?? 0, 9) + pad(r[.refusedRequired] ?? 0, 13)
                + pad(r[.refusedValid] ?? 0, 15) + pad(r[.disagreement] ?? 0, 9) + "  "
                + rate(vr.refused, vr.valid).padding(toLength: 20, withPad: " ", startingAt: 0)
                + " " + rate(all.refused - vr.refused, all.valid - vr.valid)
        }
        return ([header] + lines).joined(separator: "\n")
    }

    /// Disagreements by cause (every distinct problem of a case counts once): count and an example case id.
    var causes: [(signature: String, count: Int, example: String)] {
        var groups: [String: (Int, String)] = [:]
        for (c, v) in disagreements {
            for s in Set(v.problems.map(Verdict.signature)) {
                groups[s] = ((groups[s]?.0 ?? 0) + 1, groups[s]?.1 ?? c.id)
            }
        }
        return groups.map { ($0.key, $0.value.0, $0.value.1) }.sorted {
            ($1.count, $0.signature) < ($0.count, $1.signature)
        }
    }

    /// Refusals of valid inputs by the tool's message (numbers and names blurred).
    var refusalsOfValidInputs: [(message: String, count: Int)] {
        var groups: [String: Int] = [:]
        for v in verdicts where v.outcome == .refusedValid || v.problems.first?.category == "over-refusal" {
            groups[Verdict.blur(v.toolMessage), default: 0] += 1
        }
        return groups.map { ($0.key, $0.value) }.sorted { ($1.count, $0.message) < ($0.count, $1.message) }
    }

    /// Writes every disagreeing case as `<id>.yaml` (stream), `<id>.args` and `<id>.txt` (verdict).
    func save(to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (c, v) in disagreements { try Self.save(c, v, to: directory, name: c.id) }
    }

    static func save(_ c: OracleCase, _ v: Verdict, to directory: String, name: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let base = URL(fileURLWithPath: directory)
        try Data(c.stream).write(to: base.appendingPathComponent(name + ".yaml"))
        try Data(c.arguments.map { $0 + "\n" }.joined().utf8).write(to: base.appendingPathComponent(name + ".args"))
        try Data(describe(c, v).utf8).write(to: base.appendingPathComponent(name + ".txt"))
    }

    /// A disagreement in words: the command, the rules' expectation, what differed.
    static func describe(_ c: OracleCase, _ v: Verdict) -> String {
        var text = "case \(c.id)\n"
        text += "command: kserve-canary \(c.arguments.joined(separator: " ")) < \(c.id).yaml\n"
        text += "rules: \(v.expectation)\n"
        text += "tool: \(v.toolMessage.isEmpty ? "exit 0" : v.toolMessage)\n"
        for p in v.problems { text += "\(p.category): \(p.detail)\n" }
        text += "features (of the generated case): \(c.features.sorted().joined(separator: " "))\n"
        return text
    }

    private func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: " ", count: max(0, width - s.count)) + s
    }
}
