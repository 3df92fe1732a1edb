import Foundation
import TestSupport
import Testing

/// One file with kserve-general values (a values file or a Flux HelmRelease).
struct WeightCase: Sendable, CustomTestStringConvertible {
    var file: String  // relative to the repository
    var testDescription: String { file }

    /// Every lifecycle fixture, every spelling of primaryLoad and every ci file of both charts;
    /// throws when any of these directories yields nothing (see `FixtureCases`).
    static func all() throws -> [WeightCase] {
        let ci = try ["kserve-general", "kserve-model"].flatMap { chart in
            try FixtureCases.nonEmpty(Charts.ciFiles(chart), from: "charts/\(chart)/ci").map { "charts/\(chart)/" + $0 }
        }
        return try (files("Tests/LifecycleTests/Fixtures") + files("Tests/ChartTests/Fixtures/primary-load") + ci)
            .map { WeightCase(file: $0) }
    }

    static func files(_ dir: String) throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Charts.path(dir))) ?? []
        let files = names.filter { $0.hasSuffix(".yaml") }.sorted().map { dir + "/" + $0 }
        return try FixtureCases.nonEmpty(files, from: dir)
    }
}

/// `kserve-canary status` and the real chart must agree on the split for every spelling of
/// primaryLoad (issue 11, item 3): where the chart renders, the weights are equal; where the chart
/// refuses the value (schema), status refuses or flags it.
@Suite("primaryLoad: kserve-canary status against the rendered VirtualService")
struct PrimaryLoadDifferentialTests {
    struct Status {
        var exitStatus: Int32
        var weights: [Int]
        var notes: [String]
        var release: String?
        var stderr: String
    }

    static func status(_ file: String) throws -> Status {
        let result = try ProcessRunner.run(try ToolPaths.binary(), ["status", Charts.path(file), "--output", "json"])
        guard result.status == 0 else {
            return Status(exitStatus: result.status, weights: [], notes: [], release: nil, stderr: result.stderrText)
        }
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any] ?? [:]
        return Status(
            exitStatus: 0, weights: [json["primaryWeight"] as? Int ?? -1, json["canaryWeight"] as? Int ?? -1],
            notes: json["notes"] as? [String] ?? [], release: json["release"] as? String, stderr: "")
    }

    /// The values helm gets: a values file as it is (Helm reads it), a HelmRelease's spec.values as
    /// the API server reads them (kubectl), which is what helm-controller hands Helm. The HelmRelease is
    /// the one status named, else (status refused) the kserve-general one, as status picks it.
    static func valuesFile(_ file: String, release: String?, in dir: URL) throws -> String {
        let text = try String(contentsOfFile: Charts.path(file), encoding: .utf8)
        guard text.contains("kind: HelmRelease") else { return Charts.path(file) }
        let releases = try Charts.objects(Array(text.utf8)).all("HelmRelease")
        let found = releases.filter {
            if let release {
                let parts = release.split(separator: "/").map(String.init)
                return at($0, "metadata", "namespace") as? String == parts.first
                    && at(
                        $0, "metadata",
                        "name") as? String == parts.last
            }
            return at($0, "spec", "chart", "spec", "chart") as? String == "kserve-general" || releases.count == 1
        }
        guard found.count == 1, let values = at(found[0], "spec", "values") else {
            throw TestFailure("\(file): no spec.values of one HelmRelease (\(release ?? "kserve-general"))")
        }
        let out = dir.appendingPathComponent("values.json")
        try JSONSerialization.data(withJSONObject: values, options: [.withoutEscapingSlashes]).write(to: out)
        return out.path
    }

    /// The customer route's weights of one render ([primary, canary]), or nil when the chart refused
    /// primaryLoad; any other refusal fails the test (the fixture would prove nothing).
    static func chartWeights(_ render: ProcessResult, vs: [String: Any]?, file: String) throws -> [Int]? {
        guard render.status == 0 else {
            try #require(
                render.stderrText.contains("primaryLoad"),
                "\(file) does not render for another reason: \(render.stderrText)")
            return nil
        }
        let http = at(vs, "spec", "http") as? [[String: Any]]
        let route = http?.last.flatMap { at($0, "route") as? [[String: Any]] } ?? []
        let weights = route.map { at($0, "weight") as? Int ?? -1 }
        return weights.count == 1 ? weights + [0] : weights
    }

    /// `kserve-canary summary` of the rendered stream: [primary, canary] weights (canary 0 when absent).
    static func summaryWeights(_ stream: [UInt8]) throws -> [Int] {
        let result = try ProcessRunner.run(try ToolPaths.binary(), ["summary", "-", "--output", "json"], stdin: stream)
        try #require(result.status == 0, "summary: \(result.stderrText)")
        let rows = try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [[String: Any]] ?? []
        let weight = { (variant: String) in rows.first { $0["variant"] as? String == variant }?["weight"] as? Int }
        return [weight("primary") ?? -1, weight("canary") ?? 0]
    }

    @Test("status weights equal the chart's (Helm 3 and Helm 4), or both refuse", arguments: try WeightCase.all())
    func agree(weightCase: WeightCase) throws {
        let dir = try Charts.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let status = try Self.status(weightCase.file)
        let values = try Self.valuesFile(weightCase.file, release: status.release, in: dir)
        // The customer VirtualService needs env/region (Flux takes them from the namespace ConfigMap).
        let renders = try HelmMajor.allCases.map { helm in
            try Charts.template(
                helm, chart: "kserve-general", values: [values],
                set: ["env=sandbox", "region=uw2", "exposeModel.enabled=true"])
        }
        // One kubectl call reads both renders; their VirtualServices come back in order.
        let rendered = renders.filter { $0.status == 0 }.flatMap { $0.stdout + Array("\n---\n".utf8) }
        var services = rendered.isEmpty ? [] : try Charts.objects(rendered).all("VirtualService")
        for (helm, render) in zip(HelmMajor.allCases, renders) {
            let vs = render.status == 0 && !services.isEmpty ? services.removeFirst() : nil
            let chart = try Self.chartWeights(render, vs: vs, file: weightCase.file)
            if let chart {
                // The summary reads the rendered stream like the cluster does.
                let summary = try Self.summaryWeights(render.stdout)
                #expect(summary == chart, "\(helm): kserve-canary summary says \(summary)")
                #expect(
                    status.exitStatus == 0,
                    "\(helm): status refuses (\(status.stderr)); the chart renders \(chart)")
                #expect(
                    status.weights == chart,
                    "\(helm): status says \(status.weights); the chart renders \(chart)")
            } else {
                let flagged = status.exitStatus != 0 || status.notes.contains { $0.contains("primaryLoad") }
                #expect(
                    flagged,
                    "\(helm): the chart refuses primaryLoad; status reads \(status.weights) without a note")
            }
        }
    }

    @Test("the spelling fixtures cover every form the issue names")
    func spellingsCovered() throws {
        let names = Set(
            try WeightCase.files("Tests/ChartTests/Fixtures/primary-load")
                .map { ($0 as NSString).lastPathComponent })
        for form in [
            "absent", "null-empty", "null-tilde", "null-word", "plain", "quoted", "octal", "hex", "plus",
            "float", "tag-str",
            "tag-int",
        ] {
            #expect(names.contains(form + ".yaml") && names.contains("hr-" + form + ".yaml"), "\(form)")
        }
    }
}
