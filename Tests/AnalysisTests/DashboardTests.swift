import AnalysisHTTP
import CanaryAnalysis
import CanaryQueries
import Foundation
import TestSupport
import Testing

extension PrometheusBackedTests {
    @Suite("Grafana dashboard") struct DashboardPanels {
        static let committed = Files.repository + "/charts/kserve-general/files/canary-dashboard.json"

        @Test("the chart ships exactly what `kserve-canary dashboard` prints")
        func committedIsGenerated() throws {
            let result = try CLI.run(["dashboard"])
            #expect(result.status == 0)
            #expect(
                result.stdoutText == (try String(contentsOfFile: Self.committed, encoding: .utf8)),
                "regenerate: kserve-canary dashboard > charts/kserve-general/files/canary-dashboard.json")
        }

        @Test("every panel query of the rendered ConfigMap answers from Prometheus, with the checks' numbers")
        func panelsEvaluate() async throws {
            let helm = try HelmMajor.helm3.path()
            let dir = try Scratch()
            let values = try dir.write(
                "values.yaml",
                """
                primaryLoad: 90
                inferenceservice:
                  predictor:
                    model:
                      storageUri: gs://models/sklearn/1
                      newStorageUri: gs://models/sklearn/2
                dashboard:
                  enabled: true
                  folder: canaries
                """)
            let rendered = try ProcessRunner.run(
                helm,
                [
                    "template", "sklearn", Files.repository + "/charts/kserve-general", "-n", "healthy",
                    "-f", values, "--show-only", "templates/dashboard.yaml",
                ])
            #expect(rendered.status == 0, "\(rendered.stderrText)")
            let manifest = try dir.write("dashboard.yaml", rendered.stdoutText)
            // Read the ConfigMap back with the real YAML reader Helm users have: PyYAML through python3.
            let json = try ProcessRunner.run(
                "/usr/bin/env",
                [
                    "python3", "-c",
                    """
                    import sys, yaml
                    doc = yaml.safe_load(open(sys.argv[1]))
                    assert doc["metadata"]["labels"]["grafana_dashboard"] == "1", doc["metadata"]["labels"]
                    assert doc["metadata"]["annotations"]["grafana_folder"] == "canaries"
                    sys.stdout.write(doc["data"]["kserve-canary-healthy-sklearn.json"])
                    """, manifest,
                ])
            #expect(json.status == 0, "\(json.stderrText)")
            let dashboard = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout)) as? [String: Any])
            #expect(!json.stdoutText.contains("{{"), "every placeholder is filled in")
            let panels = try #require(dashboard["panels"] as? [[String: Any]])
            #expect(panels.map { $0["title"] as? String ?? "" } == Dashboard.panels.map(\.title))
            let server = try PrometheusServer.shared()
            let at = Instant(seconds: Double(Scenarios.at))
            let analysis = try CLI.analyze(
                dir.write("hr.yaml", Files.helmRelease(namespace: "healthy", primaryLoad: 90))
            ).1
            var checked = 0
            try await HTTPSession.with(timeout: 10) { session in
                let prometheus = try PrometheusClient(url: server.url, session: session)
                for panel in panels {
                    for target in panel["targets"] as? [[String: Any]] ?? [] {
                        let expr = try #require(target["expr"] as? String)
                        let value = try await prometheus.query(expr, at: at)
                        #expect(value.number != nil, "no data for panel \(panel["title"] ?? "") query \(expr)")
                        // The panels use the checks' very queries: same text, same numbers.
                        for check in analysis["checks"] as? [[String: Any]] ?? [] {
                            if check["query"] as? String == expr, let c = check["canary"] as? Double {
                                #expect(abs((value.number ?? .nan) - c) < 1e-6)
                                checked += 1
                            }
                            if check["primaryQuery"] as? String == expr, let p = check["primary"] as? Double {
                                #expect(abs((value.number ?? .nan) - p) < 1e-6)
                                checked += 1
                            }
                        }
                    }
                }
            }
            // requests, split, errors, p99 latency: canary and primary each.
            #expect(checked == 8)
        }
    }
}
