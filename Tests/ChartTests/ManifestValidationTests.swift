import Foundation
import TestSupport
import Testing

@Suite("strict validation against the upstream CRDs and Kubernetes schemas")
struct ManifestValidationTests {
    @Test("every rendered object is valid", arguments: HelmMajor.allCases, try ChartCase.all())
    func renderedObjectsAreValid(helm: HelmMajor, chartCase: ChartCase) throws {
        let stream = try Charts.render(helm, chart: chartCase.chart, values: chartCase.values)
        let result = try Charts.validate(stream)
        #expect(result.status == 0, "\(helm) \(chartCase):\n\(result.stdoutText)\(result.stderrText)")
    }

    @Test("a typo in a rendered InferenceService (storageURI) is caught")
    func storageURITypo() throws {
        let stream = try Charts.render(.helm3, chart: "kserve-model", values: ["ci/full-values.yaml"])
        #expect(try Charts.validate(stream).status == 0)
        let typo = Array(stream.string.replacingOccurrences(of: "storageUri:", with: "storageURI:").utf8)
        let result = try Charts.validate(typo)
        #expect(result.status == 1)
        #expect(
            result.stdoutText.contains(
                "(InferenceService/sklearn): $.spec.predictor.model.storageURI: unknown field"),
            "\(result.stdoutText)")
    }

    @Test("a typo in a rendered VirtualService (weigth) is caught")
    func weigthTypo() throws {
        let stream = try Charts.render(.helm4, chart: "kserve-general", values: ["ci/canary-values.yaml"])
        #expect(try Charts.validate(stream).status == 0)
        let typo = Array(stream.string.replacingOccurrences(of: "weight:", with: "weigth:").utf8)
        let result = try Charts.validate(typo)
        #expect(result.status == 1)
        #expect(
            result.stdoutText.contains(
                "(VirtualService/sklearn-predictor): $.spec.http[2].route[1].weigth: unknown field"),
            "\(result.stdoutText)")
    }

    @Test("PodMonitor and ServiceMonitor are validated strictly (prometheus-operator v0.80.1 schemas from PyPI)")
    func monitorTypos() throws {
        let full = try Charts.render(.helm4, chart: "kserve-model", values: ["ci/full-values.yaml"])
        #expect(try Charts.validate(full).status == 0)
        let typo = Array(
            full.string.replacingOccurrences(of: "portNumber:", with: "portNumbr:")
                .replacingOccurrences(of: "interval: 15s", with: "interval: 15 seconds").utf8)
        let result = try Charts.validate(typo)
        #expect(result.status == 1)
        #expect(
            result.stdoutText.contains(
                "(PodMonitor/sklearn-predictor): $.spec.podMetricsEndpoints[0].portNumbr: unknown field"),
            "\(result.stdoutText)")
        #expect(
            result.stdoutText.contains("(PodMonitor/sklearn-predictor): $.spec.podMetricsEndpoints[0].interval:"),
            "\(result.stdoutText)")
        let service = try Charts.render(.helm3, chart: "kserve-model", values: ["ci/pdb-max-unavailable-values.yaml"])
        #expect(try Charts.validate(service).status == 0)
        let selector = Array(service.string.replacingOccurrences(of: "  endpoints:", with: "  endpoint:").utf8)
        let missing = try Charts.validate(selector)
        #expect(
            missing.stdoutText.contains(
                "(ServiceMonitor/sklearn-predictor): $.spec.endpoints: required field is missing"),
            "\(missing.stdoutText)")
    }

    /// The test-only helper for what kserve-canary's validator does not check (CEL rules here).
    static func kubernetesChecks(_ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.run(
            try Charts.python3(), [Charts.path("Tests/Validation/kubernetes-checks.py")] + arguments,
            directory: Charts.root)
    }

    @Test("the validator reports every problem of the invalid fixture, one line each")
    func invalidFixture() throws {
        let fixture = Charts.path("Tests/ChartTests/Fixtures/invalid-objects.yaml")
        let expected = Charts.path("Tests/ChartTests/Fixtures/invalid-objects.expected")
        let result = try ManifestValidation.validate(file: fixture)
        #expect(result.status == 1)
        let wanted = try String(contentsOfFile: expected, encoding: .utf8)
            .split(separator: "\n").map { $0.replacingOccurrences(of: "FIXTURE", with: fixture) }
        let got = result.stdoutText.split(separator: "\n").map(String.init)
        #expect(got == wanted, "\(result.stdoutText)")
    }

    @Test("docs/validation.md lists every CEL rule of the rendered kinds and every unchecked rule")
    func celRulesDocumented() throws {
        let dir = try Charts.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [String] = []
        for chartCase in try ChartCase.all() {
            let file = dir.appendingPathComponent("\(files.count).yaml").path
            try Data(
                try Charts.render(
                    .helm3, chart: chartCase.chart,
                    values: chartCase.values)
            ).write(to: URL(fileURLWithPath: file))
            files.append(file)
        }
        let doc = try String(contentsOfFile: Charts.path("docs/validation.md"), encoding: .utf8)
        let rendered = try Self.kubernetesChecks(["--crds", try ToolPaths.crds(), "--list-cel"] + files)
        let unchecked = try Self.kubernetesChecks(["--crds", try ToolPaths.crds(), "--list-cel", "--unchecked"])
        #expect(rendered.status == 0 && unchecked.status == 0)
        let rows = (rendered.stdoutText + unchecked.stdoutText).split(separator: "\n")
            .filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Kind ") }
        #expect(rows.count > 40)
        for row in rows {
            #expect(doc.contains(row), "docs/validation.md lacks: \(row)")
        }
        // The rendered kinds' rules all have a Python equivalent.
        #expect(!rendered.stdoutText.contains("**no**"), "\(rendered.stdoutText)")
    }
}

extension Array where Element == UInt8 {
    var string: String { String(decoding: self, as: UTF8.self) }
}
