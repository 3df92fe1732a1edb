import Foundation
import TestSupport
import Testing

extension PrometheusBackedTests {
    @Suite("rollout of the seed's HelmRelease") struct Rollout {
        /// examples/sklearn/helmrelease.yaml (sklearn in sample-dev): roll back the seed's canary,
        /// start it again dark, then advance at 06:00, 06:06, 06:12, 06:24 and 06:36 against the
        /// sample-dev timeline of `Scenarios`: readiness -> 10 -> (hold) -> 25 -> 50 -> promote.
        /// KSERVE_CANARY_WRITE_TRANSCRIPT=1 writes the transcript shown in docs/progressive-delivery.md to .build/.
        @Test("start dark -> readiness -> 10 -> 25 -> 50 -> promote")
        func rollout() throws {
            let server = try PrometheusServer.shared()
            let dir = try Scratch()
            let seed = try String(
                contentsOfFile: Files.repository + "/examples/sklearn/helmrelease.yaml", encoding: .utf8)
            let file = try dir.write("sklearn.yaml", seed)
            var transcript = ""
            func run(_ arguments: [String], shown: [String]? = nil) throws -> ProcessResult {
                let result = try CLI.run(arguments)
                let display = (shown ?? arguments).map { $0.contains(" ") ? "'\($0)'" : $0 }
                    .joined(separator: " ").replacingOccurrences(of: file, with: "clusters/dev/sklearn.yaml")
                    .replacingOccurrences(of: server.url, with: "http://prometheus.monitoring:9090")
                transcript +=
                    "$ kserve-canary \(display)\n"
                    + result.stdoutText.replacingOccurrences(of: file, with: "clusters/dev/sklearn.yaml")
                    .replacingOccurrences(of: server.url, with: "http://prometheus.monitoring:9090")
                return result
            }
            #expect(try run(["rollback", file]).status == 0)
            #expect(
                try run(["start", file, "--uri", "gs://kfserving-examples/models/sklearn/1.0/model-2"]).status == 0)
            let expectations: [(String, String)] = [
                (
                    "06:00",
                    "step 1/3: canary gs://kfserving-examples/models/sklearn/1.0/model-2 gets 10% of the "
                        + "traffic (primaryLoad: 90)"
                ),
                ("06:06", "hold: the last step was 6m ago, less than --min-step-interval 10m"),
                (
                    "06:12",
                    "step 2/3: canary gs://kfserving-examples/models/sklearn/1.0/model-2 gets 25% of the "
                        + "traffic (primaryLoad: 75)"
                ),
                (
                    "06:24",
                    "step 3/3: canary gs://kfserving-examples/models/sklearn/1.0/model-2 gets 50% of the "
                        + "traffic (primaryLoad: 50)"
                ),
                (
                    "06:36",
                    "last step (50%) done; promoted gs://kfserving-examples/models/sklearn/1.0/model-2: "
                        + "storageUri updated, newStorageUri removed, primaryLoad: 100"
                ),
            ]
            for (time, expected) in expectations {
                let at = "2026-11-30T\(time):00Z"
                if time == "06:12" {
                    let analyzed = try run(["analyze", file, "--prometheus", server.url, "--at", at])
                    #expect(analyzed.status == 0, "\(analyzed.stdoutText)")
                }
                let result = try run(["advance", file, "--prometheus", server.url, "--at", at])
                #expect(result.status == 0, "\(result.stderrText)")
                #expect(result.stdoutText.hasPrefix("\(file): pass ("), "\(result.stdoutText)")
                #expect(result.stdoutText.hasSuffix("; \(expected)\n"), "\(result.stdoutText)")
                if time == "06:24" { _ = try run(["status", file]) }
            }
            // Promoted: exactly what `promote` makes of the seed, annotations gone again.
            let manual = try dir.write("manual.yaml", seed)
            #expect(try CLI.run(["promote", manual]).status == 0)
            #expect(try dir.read("sklearn.yaml") == (try dir.read("manual.yaml")))
            if ProcessInfo.processInfo.environment["KSERVE_CANARY_WRITE_TRANSCRIPT"] == "1" {
                try transcript.write(
                    toFile: Files.repository + "/.build/progressive-delivery.transcript.txt", atomically: true,
                    encoding: .utf8)
            }
        }
    }

    @Suite("custom checks") struct Custom {
        @Test(
            "the shipped examples (KServe, Triton, vLLM) evaluate and pass on a healthy canary",
            arguments: ["kserve-model-server.yaml", "triton.yaml", "vllm.yaml"])
        func examples(_ name: String) throws {
            let dir = try Scratch()
            let file = try dir.write("hr.yaml", Files.helmRelease(namespace: "healthy", primaryLoad: 90))
            let (result, json) = try CLI.analyze(file, ["--checks", Files.repository + "/examples/checks/" + name])
            #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
            let custom = (json["checks"] as? [[String: Any]] ?? []).dropFirst(5)
            #expect(custom.count >= 2)
            for check in custom {
                #expect(check["result"] as? String == "pass", "\(check)")
                #expect(check["canary"] is Double, "\(check)")
            }
        }

        @Test("a ConfigMap next to the HelmRelease: bounds fail, comparisons pass, noData decides")
        func configMap() throws {
            let dir = try Scratch()
            let checks = """
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: sklearn-canary-checks
                  namespace: healthy
                  labels:
                    kserve-canary.io/checks: sklearn
                data:
                  checks.yaml: |
                    checks:
                      - name: predict-p50-tiny
                        query: histogram_quantile(0.5, sum by (le)
                          (rate(request_predict_seconds_bucket{namespace="{{namespace}}",
                          pod=~"{{canary}}-.*"}[{{window}}])))
                        max: 0.001
                      - name: predict-vs-primary
                        query: sum(rate(request_predict_seconds_count{namespace="{{ namespace }}",
                          pod=~"{{canary}}-.*"}[{{window}}]))
                        primary:
                          maxRatio: 0.2
                      - name: absent-metric
                        query: sum(rate(no_such_metric{namespace="{{namespace}}"}[{{window}}]))
                        min: 1
                        noData: pass

                """
            let file = try dir.write("hr.yaml", Files.helmRelease(namespace: "healthy", primaryLoad: 90) + checks)
            let (result, json) = try CLI.analyze(file)
            #expect(result.status == 2)
            #expect(CLI.check(json, "predict-p50-tiny")["result"] as? String == "fail")
            // 10 % of the traffic against 90 %: the canary's rate is about 0.11 x the primary's.
            #expect(CLI.check(json, "predict-vs-primary")["result"] as? String == "pass")
            #expect(CLI.check(json, "absent-metric")["result"] as? String == "pass")
            #expect((json["reason"] as? String)?.hasPrefix("predict-p50-tiny: canary ") == true)
        }

        @Test("invalid checks and failing queries are errors (exit 1) with the position")
        func invalid() throws {
            let dir = try Scratch()
            let file = try dir.write("hr.yaml", Files.helmRelease(namespace: "healthy", primaryLoad: 90))
            let cases: [(String, String)] = [
                (
                    "checks:\n  - name: x\n    query: up{{pod}}\n    max: 1\n",
                    "checks.yaml:3:12: error: check x: unknown placeholder `{{pod}}`"
                ),
                (
                    "checks:\n  - name: x\n    query: up\n    max: \"1\"\n",
                    "checks.yaml:4:10: error: `max` must be a number"
                ),
                (
                    "checks:\n  - name: errors\n    query: up\n    max: 1\n",
                    "checks.yaml:2:11: error: `errors` is a built-in check"
                ),
                (
                    "checks:\n  - name: x\n    query: up\n",
                    "checks.yaml:2:5: error: check x needs min, max or primary bounds"
                ),
                (
                    "checks:\n  - name: x\n    query: up\n    maximum: 1\n",
                    "checks.yaml:4:5: error: unknown key `maximum`"
                ),
                (
                    "checks:\n  - name: x\n    query: sum(rate(up[{{window}}])\n    max: 1\n",
                    "kserve-canary: error: Prometheus could not answer `sum(rate(up[5m])`: HTTP 400, bad_data:"
                ),
                ("checks:\n  - name: x\n    query: kube_deployment_status_replicas_available\n    max: 1\n", "series"),
            ]
            for (text, expected) in cases {
                let checks = try dir.write("checks.yaml", text)
                let (result, _) = try CLI.analyze(file, ["--checks", checks])
                #expect(result.status == 1, "\(text)")
                #expect(result.stdout.isEmpty)
                #expect(result.stderrText.contains(expected), "\(result.stderrText)")
            }
        }
    }
}
