import Foundation
import TestSupport
import Testing

/// One chart with one `ci/*-values.yaml` file. (The defaults alone do not render: the model's
/// storageUri has no default, see ModelChartRenderTests.defaultsNeedAStorageUri.)
struct ChartCase: Sendable, CustomTestStringConvertible {
    var chart: String
    var valuesFile: String

    var testDescription: String { chart + " + " + valuesFile }
    var values: [String] { [valuesFile] }

    /// Both charts, with each ci file; throws when a chart has none (see `FixtureCases`).
    static func all() throws -> [ChartCase] {
        try ["kserve-model", "kserve-general"].flatMap { chart in
            try FixtureCases.nonEmpty(Charts.ciFiles(chart), from: "charts/\(chart)/ci/*-values.yaml")
                .map { ChartCase(chart: chart, valuesFile: $0) }
        }
    }
}

@Suite("helm lint --strict")
struct ChartLintTests {
    @Test("every chart and ci values file lints cleanly", arguments: HelmMajor.allCases, try ChartCase.all())
    func lintStrict(helm: HelmMajor, chartCase: ChartCase) throws {
        var args = ["lint", "--strict", Charts.chartDir(chartCase.chart), "--namespace", Charts.namespace]
        for file in chartCase.values { args += ["-f", Charts.chartDir(chartCase.chart) + "/" + file] }
        let result = try ProcessRunner.run(try helm.path(), args, directory: Charts.root)
        #expect(result.status == 0, "\(helm) lint \(chartCase):\n\(result.stdoutText)\(result.stderrText)")
        #expect(result.stdoutText.contains("0 chart(s) failed"), "\(result.stdoutText)")
        #expect(!result.stdoutText.contains("[WARNING]"), "\(result.stdoutText)")
    }

    @Test("each chart has ci values files", arguments: ["kserve-model", "kserve-general"])
    func ciFilesExist(chart: String) {
        #expect(Charts.ciFiles(chart).count >= 3, "charts/\(chart)/ci has too few *-values.yaml files")
    }

    @Test("the ci values files together switch on every feature", arguments: ["kserve-model", "kserve-general"])
    func ciFilesCoverEveryFeature(chart: String) throws {
        // Every boolean value whose path ends in "enabled" must be true in at least one ci file
        // (merged over the defaults the way Helm merges them).
        let code = """
            import sys, yaml
            chart = sys.argv[1]
            def merge(a, b):
                out = dict(a)
                for k, v in b.items():
                    out[k] = merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
                return out
            def flags(v, p=""):
                if isinstance(v, dict):
                    for k, s in v.items():
                        yield from flags(s, f"{p}.{k}" if p else k)
                elif isinstance(v, bool) and p.endswith("enabled"):
                    yield p, v
            defaults = yaml.safe_load(open(f"{chart}/values.yaml"))
            paths = dict(flags(defaults))
            on = set(p for p, v in paths.items() if v)
            for f in sys.argv[2:]:
                merged = merge(defaults, yaml.safe_load(open(f)) or {})
                on |= set(p for p, v in flags(merged) if v)
            missing = sorted(set(paths) - on)
            print("\\n".join(missing))
            sys.exit(1 if missing else 0)
            """
        let files = Charts.ciFiles(chart).map { Charts.chartDir(chart) + "/" + $0 }
        let result = try ProcessRunner.run(try Charts.python3(), ["-c", code, Charts.chartDir(chart)] + files)
        #expect(result.status == 0, "no ci file of \(chart) switches on: \(result.stdoutText) \(result.stderrText)")
    }
}
