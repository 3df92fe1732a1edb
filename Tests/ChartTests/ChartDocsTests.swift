import Foundation
import TestSupport
import Testing

@Suite("chart documentation and schemas in step")
struct ChartDocsTests {
    @Test(
        "README values table lists every leaf of values.yaml and nothing else; every value has a comment",
        arguments: ["kserve-model", "kserve-general"])
    func valuesTableInStep(chart: String) throws {
        let result = try Charts.script("chart-docs.py", ["--check", Charts.chartDir(chart)])
        #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
    }

    @Test("the README check catches a missing row, an extra row and an undocumented value")
    func valuesTableCheckCatchesDrift() throws {
        let dir = try Charts.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let chart = dir.appendingPathComponent("kserve-model").path
        try FileManager.default.copyItem(atPath: Charts.chartDir("kserve-model"), toPath: chart)
        let readme = chart + "/README.md"
        let values = chart + "/values.yaml"
        let original = try String(contentsOfFile: readme, encoding: .utf8)

        // A row removed.
        let missing = original.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("| `replicaCount` |") }.joined(separator: "\n")
        try missing.write(toFile: readme, atomically: true, encoding: .utf8)
        var result = try Charts.script("chart-docs.py", ["--check", chart])
        #expect(result.status == 1)
        #expect(result.stdoutText.contains("`replicaCount` is missing from the values table"), "\(result.stdoutText)")

        // A row for a value that does not exist.
        let extra = original.replacingOccurrences(
            of: "| `replicaCount` |", with: "| `replicaCountt` | int | `1` | typo |\n| `replicaCount` |")
        try extra.write(toFile: readme, atomically: true, encoding: .utf8)
        result = try Charts.script("chart-docs.py", ["--check", chart])
        #expect(result.status == 1)
        #expect(
            result.stdoutText.contains("lists `replicaCountt`, which values.yaml does not have"),
            "\(result.stdoutText)")

        // A value without a `# --` comment.
        try original.write(toFile: readme, atomically: true, encoding: .utf8)
        let valuesText = try String(contentsOfFile: values, encoding: .utf8)
        try (valuesText + "\nundocumented: true\n").write(toFile: values, atomically: true, encoding: .utf8)
        result = try Charts.script("chart-docs.py", ["--check", chart])
        #expect(result.status == 1)
        #expect(result.stdoutText.contains("undocumented: no `# --` comment"), "\(result.stdoutText)")
    }

    @Test("kserve-general carries kserve-model's schema, defaults and shared templates; every default is required")
    func schemasInStep() throws {
        let result = try Charts.script("sync-values-schema.py", ["--check"])
        #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
    }

    @Test("the sync check catches a drifted shared template, stale defaults and a default that is not required")
    func syncCheckCatchesDrift() throws {
        let dir = try Charts.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fm = FileManager.default
        try fm.createDirectory(at: dir.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        try fm.copyItem(
            atPath: Charts.path("scripts/sync-values-schema.py"),
            toPath: dir.appendingPathComponent("scripts/sync-values-schema.py").path)
        try fm.copyItem(atPath: Charts.path("charts"), toPath: dir.appendingPathComponent("charts").path)
        let script = dir.appendingPathComponent("scripts/sync-values-schema.py").path
        func check() throws -> ProcessResult { try ProcessRunner.run(try Charts.python3(), [script, "--check"]) }
        #expect(try check().status == 0)
        let shared = dir.appendingPathComponent("charts/kserve-general/templates/_validation.tpl").path
        let original = try String(contentsOfFile: shared, encoding: .utf8)
        try (original + "\n{{/* drift */}}\n").write(toFile: shared, atomically: true, encoding: .utf8)
        var result = try check()
        #expect(
            result.status == 1 && result.stdoutText.contains("_validation.tpl is out of date"),
            "\(result.stdoutText)")
        try original.write(toFile: shared, atomically: true, encoding: .utf8)
        let values = dir.appendingPathComponent("charts/kserve-model/values.yaml").path
        let text = try String(contentsOfFile: values, encoding: .utf8)
        try text.replacingOccurrences(of: "replicaCount: 1\n", with: "replicaCount: 2\n")
            .write(toFile: values, atomically: true, encoding: .utf8)
        result = try check()
        #expect(
            result.status == 1 && result.stdoutText.contains("_model_defaults.tpl is out of date"),
            "\(result.stdoutText)")
        try text.write(toFile: values, atomically: true, encoding: .utf8)
        let schema = dir.appendingPathComponent("charts/kserve-model/values.schema.json").path
        let json = try String(contentsOfFile: schema, encoding: .utf8)
        try json.replacingOccurrences(of: "\"replicaCount\",\n", with: "").write(
            toFile: schema, atomically: true,
            encoding: .utf8)
        result = try check()
        #expect(
            result.status == 1 && result.stdoutText.contains("not every key with a default is `required`"),
            "\(result.stdoutText)")
    }

    @Test(
        "Chart.yaml: apiVersion v2, version 0.5.0, home, sources, maintainers, icon, kubeVersion",
        arguments: ["kserve-model", "kserve-general"])
    func chartMetadata(chart: String) throws {
        let text = "\n" + (try String(contentsOfFile: Charts.chartDir(chart) + "/Chart.yaml", encoding: .utf8))
        #expect(text.contains("\napiVersion: v2\n"))
        #expect(text.contains("\nname: \(chart)\n"))
        #expect(text.contains("\nversion: 0.5.0\n"))
        #expect(
            text.contains("\nappVersion: \"0.5.0\"\n"), "appVersion is the tool version (scripts/plugin-version.sh)")
        #expect(text.contains("kserve-canary.io/kserve-version: \"0.20.0\""), "the KServe version it targets")
        for key in [
            "home: https://", "sources:\n  - https://", "maintainers:\n  - name: ", "icon: https://",
            "kubeVersion: \">=1.27.0-0\"",
        ] {
            #expect(text.contains("\n" + key), "Chart.yaml lacks \(key)")
        }
    }

    @Test(
        "templates hard-code no region, environment, domain or gateway",
        arguments: [("kserve-model", "ci/full-values.yaml"), ("kserve-general", "ci/canary-values.yaml")])
    func noHardCodedPlatform(chart: String, values: String) throws {
        // Every platform-specific value set to something else: none of the defaults may remain.
        let stream = try Charts.render(
            .helm4, chart: chart, values: [values],
            set: [
                "env=qa", "region=eu1", "exposeModel.domain=models.example.org", "exposeModel.gateways={mesh/edge}",
                "jwt.gatewayNamespaces={ingress}",
            ])
        let text = stream.string
        #expect(text.contains("-sample-dev.api.qa-eu1.models.example.org"))
        for word in ["sample.io", "sandbox", "uw2", "sample-gateway", "istio-system"] {
            #expect(!text.contains(word), "\(chart) renders \(word) although no value holds it")
        }
    }

    @Test("docs/kserve-semantics.md: every test it names exists, and every semantics test is named there")
    func semanticsTestsExist() throws {
        let doc = try String(contentsOfFile: Charts.path("docs/kserve-semantics.md"), encoding: .utf8)
        let dir = Charts.path("Tests/ChartTests")
        var sources: [String: String] = [:]  // suite -> file text
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name.hasSuffix(".swift") {
            let text = try String(contentsOfFile: dir + "/" + name, encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("struct ") {
                let suite = line.dropFirst("struct ".count).prefix { $0.isLetter || $0.isNumber }
                sources[String(suite)] = text
            }
        }
        let named = doc.matches(of: /`([A-Za-z]+Tests)\.([A-Za-z]+)`/).map { (String($0.1), String($0.2)) }
        #expect(named.count >= 20, "the table names \(named.count) tests")
        for (suite, test) in named {
            #expect(sources[suite]?.contains("func \(test)(") == true, "\(suite).\(test) does not exist")
        }
        for suite in ["KServeSemanticsTests", "IstioEnvoySemanticsTests"] {
            for match in (sources[suite] ?? "").matches(of: /\n    func ([A-Za-z]+)\(/) {
                #expect(doc.contains("`\(suite).\(match.1)`"), "\(suite).\(match.1) is not in docs/kserve-semantics.md")
            }
        }
    }
}
