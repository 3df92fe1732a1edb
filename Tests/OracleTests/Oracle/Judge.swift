import Foundation

/// Judges one run of the binary against the rules, by kubectl's reading of input and output.
enum Judge {
    /// The binary's two passes over a case (the second only after an accepted first).
    struct Runs: Sendable {
        var first: Spawner.Result
        var second: Spawner.Result?
    }

    static let locationLine = try! NSRegularExpression(
        pattern: #"^(.+):([0-9]+):([0-9]+): error: "#, options: [.anchorsMatchLines])

    static func judge(
        _ c: OracleCase, input: KubectlReader.Reading, runs: Runs,
        output: KubectlReader.Reading?
    ) -> Verdict {
        guard case .objects(let inputObjects) = input else {
            guard case .unreadable(let why) = input else { return Verdict(outcome: .skipped, expectation: "?") }
            return unreadable(c, why: why, runs.first)
        }
        let options = PostRenderOptions(arguments: c.arguments)
        let expectation = RulesOracle.expect(inputObjects, options)
        var verdict = Verdict(outcome: .accepted, expectation: "valid")
        if case .refuse(let why) = expectation { verdict.expectation = "must refuse: " + why }
        let first = runs.first
        verdict.toolMessage = first.stderrText.split(separator: "\n").first.map(String.init) ?? ""
        func fail(_ category: String, _ detail: String) {
            verdict.problems.append(.init(category: category, detail: detail))
            verdict.outcome = .disagreement
        }

        if first.status >= 128 {
            fail("crash", "exit status \(first.status): \(verdict.toolMessage)")
            return verdict
        }
        if first.status == 64 {
            fail("usage-error", verdict.toolMessage)
            return verdict
        }
        if first.status != 0 {
            if !first.stdout.isEmpty {
                fail("refusal-wrote-stdout", "exit \(first.status) with \(first.stdout.count) bytes on stdout")
            }
            if let problem = locationProblem(first.stderrText, stream: c.stream) {
                fail("refusal-without-location", problem)
            }
            if verdict.outcome == .disagreement { return verdict }
            if case .refuse = expectation {
                verdict.outcome = .refusedRequired
            } else if case .accept(_, _, _, true) = expectation {
                verdict.outcome = .refusedValid
            } else if RefusalPolicy.mustAccept(c.features) {
                fail("over-refusal", "refused a valid stream in a common layout: \(verdict.toolMessage)")
            } else {
                verdict.outcome = .refusedValid
            }
            return verdict
        }

        // Accepted: what kubectl reads from the output first, then the second pass.
        if case .refuse(let why) = expectation { fail("accepted-invalid", why) }
        defer { checkIdempotence(runs, &verdict) }
        guard let output else { return verdict }
        guard case .objects(var actual) = output else {
            if case .unreadable(let why) = output {
                fail("output-unreadable", "kubectl cannot read the output: \(why)")
            }
            return verdict
        }
        for route in StreamModel(actual).predictorRoutes where !RulesOracle.isValid(route.destinations.map(\.weight)) {
            fail(
                "weights-not-100",
                "\(actual[route.object].identity) \(route.section) route \(route.index) has weights "
                    + route.destinations.map { "\($0.host)=\($0.weight?.text ?? "unset")" }.joined(separator: ", "))
        }
        guard case .accept(let expected, let checks, let owned, _) = expectation else { return verdict }
        if expected.count != actual.count || zip(expected, actual).contains(where: { $0.identity != $1.identity }) {
            fail("objects-differ", "expected \(expected.map(\.identity)), kubectl reads \(actual.map(\.identity))")
            return verdict
        }
        for check in checks {
            let found =
                (actual[check.object].at(["spec", check.section])?.array?[safe: check.route]?["route"]?.array ?? [])
                .filter { $0.at(["destination", "host"])?.string != nil }.map { $0["weight"] }
            if !check.allowed.contains(where: { $0 == found }) {
                fail(
                    "weights",
                    "\(actual[check.object].identity) \(check.section) route \(check.route): weights "
                        + "\(found.map { $0?.text ?? "unset" }), expected "
                        + check.allowed.map { "\($0.map { $0?.text ?? "unset" })" }.joined(separator: " or "))
            }
            RulesOracle.placeholders(&actual[check.object], check)
        }
        for (i, (e, a)) in zip(expected, actual).enumerated() {
            if let difference = e.firstDifference(from: a) {
                fail(
                    owned.contains(i) ? category(of: difference) : "changed-unowned-document",
                    "\(e.identity)\(difference)")
            }
        }
        return verdict
    }

    /// kubectl cannot read the input: the tool must refuse it (exit 1, nothing on stdout, a located
    /// error). Unless the case carries a construct kubectl refuses (`kubectl.*`), an unreadable
    /// input is the generator's defect: skipped, and counted.
    static func unreadable(_ c: OracleCase, why: String, _ run: Spawner.Result) -> Verdict {
        var verdict = Verdict(outcome: .refusedRequired, expectation: "must refuse: kubectl cannot read it: " + why)
        verdict.toolMessage = run.stderrText.split(separator: "\n").first.map(String.init) ?? ""
        if run.status == 0 {
            verdict.problems.append(.init(category: "accepted-unreadable", detail: "kubectl: \(why.prefix(200))"))
        } else if run.status >= 128 || run.status == 64 {
            verdict.problems.append(.init(category: "crash", detail: "exit status \(run.status)"))
        } else if !run.stdout.isEmpty {
            verdict.problems.append(.init(category: "refusal-wrote-stdout", detail: "\(run.stdout.count) bytes"))
        } else if let problem = locationProblem(run.stderrText, stream: c.stream) {
            verdict.problems.append(.init(category: "refusal-without-location", detail: problem))
        } else if !c.features.contains(where: { $0.hasPrefix("kubectl.") }) {
            verdict.outcome = .skipped
            verdict.problems.append(.init(category: "input-unreadable", detail: why))
            return verdict
        }
        if !verdict.problems.isEmpty { verdict.outcome = .disagreement }
        return verdict
    }

    /// A second pass over an accepted output must exit 0 and change nothing.
    private static func checkIdempotence(_ runs: Runs, _ verdict: inout Verdict) {
        guard let second = runs.second else { return }
        var problem: String?
        if second.status != 0 {
            problem = "second pass exits \(second.status): \(second.stderrText.split(separator: "\n").first ?? "")"
        } else if second.stdout != runs.first.stdout {
            problem = "second pass changes the output: \(firstLineDifference(runs.first.stdout, second.stdout))"
        }
        if let problem {
            verdict.problems.append(.init(category: "not-idempotent", detail: problem))
            verdict.outcome = .disagreement
        }
    }

    /// Names a value difference by what it touches: the rules' fields or anything else.
    private static func category(of difference: String) -> String {
        let path = difference.prefix { $0 != ":" }
        let model = ".spec.values.inferenceservice.predictor.model."
        for field in ["storageUri", "newStorageUri", "args"] where path.hasPrefix(model + field) {
            return "value-differs." + field
        }
        return "value-differs.other"
    }

    /// Why a refusal's stderr lacks a usable `FILE:LINE:COL: error:` line, if it does.
    static func locationProblem(_ stderr: String, stream: [UInt8]) -> String? {
        let range = NSRange(stderr.startIndex..., in: stderr)
        guard let match = locationLine.firstMatch(in: stderr, range: range),
            let lineRange = Range(match.range(at: 2), in: stderr), let line = Int(stderr[lineRange])
        else {
            return "no FILE:LINE:COL: error: line in stderr: \(stderr.prefix(200))"
        }
        // Lines as libyaml counts them: LF, CRLF, a lone CR, NEL, LS and PS each end one.
        var lines = 1
        for (i, b) in stream.enumerated() {
            let next = i + 1 < stream.count ? stream[i + 1] : 0
            if b == 0x0A || (b == 0x0D && next != 0x0A) || (b == 0xC2 && next == 0x85)
                || (b == 0xE2 && next == 0x80 && i + 2 < stream.count
                    && (stream[i + 2] == 0xA8 || stream[i + 2] == 0xA9))
            {
                lines += 1
            }
        }
        return line >= 1 && line <= lines ? nil : "error line \(line) is outside the input's \(lines) lines"
    }

    private static func firstLineDifference(_ a: [UInt8], _ b: [UInt8]) -> String {
        let la = String(decoding: a, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let lb = String(decoding: b, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for (i, (x, y)) in zip(la, lb).enumerated() where x != y {
            return "line \(i + 1): \(x.prefix(80)) -> \(y.prefix(80))"
        }
        return "\(la.count) vs \(lb.count) lines"
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
