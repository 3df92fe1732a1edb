import Foundation
import TestSupport
import Testing

/// Every test that needs Prometheus runs inside this suite: one real server for all of them.
@Suite("Analysis against a real Prometheus", .serialized, .prometheus)
struct PrometheusBackedTests {}

extension PrometheusBackedTests {
    @Suite("analyze") struct Analyze {
        @Test("healthy canary passes, with every check's values, threshold and PromQL")
        func healthy() throws {
            let dir = try Scratch()
            let file = try dir.write("hr.yaml", Files.helmRelease(namespace: "healthy", primaryLoad: 90))
            let (result, json) = try CLI.analyze(file)
            #expect(result.status == 0, "\(result.stderrText)")
            #expect(result.stderrText == "")
            #expect(json["verdict"] as? String == "pass")
            let names = (json["checks"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(names == ["enough-traffic", "split", "errors", "latency", "readiness"])
            let traffic = CLI.check(json, "enough-traffic")
            // 20 rps x 10 % x 300 s, as Prometheus' increase() extrapolates it.
            #expect(abs((traffic["canary"] as? Double ?? 0) - 600) < 15)
            #expect(traffic["threshold"] as? Double == 50)
            #expect(
                (traffic["query"] as? String)?.contains(#"destination_workload="sklearn-canary-predictor""#) == true)
            #expect(
                (traffic["primaryQuery"] as? String)?.contains(#"destination_workload="sklearn-primary-predictor""#)
                    == true)
            let split = CLI.check(json, "split")
            #expect(abs((split["canary"] as? Double ?? 0) - 10) < 0.5)
            let errors = CLI.check(json, "errors")
            #expect(abs((errors["canary"] as? Double ?? 0) - 0.5) < 0.05)
            #expect(abs((errors["threshold"] as? Double ?? 0) - 1.5) < 0.05)
            #expect(CLI.check(json, "latency")["result"] as? String == "pass")
            #expect(CLI.check(json, "readiness")["result"] as? String == "skipped")
            #expect(json["namespace"] as? String == "healthy" && json["group"] as? String == "sklearn")
            #expect(json["at"] as? String == Scenarios.atText && json["canaryWeight"] as? Int == 10)
        }

        @Test("more 5xx than the primary plus --max-error-increase fails (exit 2)")
        func errors() throws {
            let dir = try Scratch()
            let (result, json) = try CLI.analyze(
                try dir.write("hr.yaml", Files.helmRelease(namespace: "errors", primaryLoad: 90)))
            #expect(result.status == 2)
            #expect(json["verdict"] as? String == "fail")
            #expect(CLI.check(json, "errors")["result"] as? String == "fail")
            #expect(abs((CLI.check(json, "errors")["canary"] as? Double ?? 0) - 8) < 0.2)
            #expect(CLI.check(json, "latency")["result"] as? String == "pass")
            // A looser threshold lets the same canary pass.
            let (loose, _) = try CLI.analyze(dir.path + "/hr.yaml", ["--max-error-increase", "10"])
            #expect(loose.status == 0)
        }

        @Test("a slow canary fails the p99 latency check (exit 2)")
        func slow() throws {
            let dir = try Scratch()
            let (result, json) = try CLI.analyze(
                try dir.write("hr.yaml", Files.helmRelease(namespace: "slow", primaryLoad: 90)))
            #expect(result.status == 2)
            let latency = CLI.check(json, "latency")
            #expect(latency["result"] as? String == "fail")
            #expect((latency["canary"] as? Double ?? 0) > (latency["threshold"] as? Double ?? .infinity))
            #expect(CLI.check(json, "errors")["result"] as? String == "pass")
        }

        @Test("too little canary traffic is inconclusive (exit 3), not a failure")
        func quiet() throws {
            let dir = try Scratch()
            let (result, json) = try CLI.analyze(
                try dir.write("hr.yaml", Files.helmRelease(namespace: "quiet", primaryLoad: 90)))
            #expect(result.status == 3)
            #expect(json["verdict"] as? String == "inconclusive")
            #expect(CLI.check(json, "enough-traffic")["result"] as? String == "inconclusive")
            #expect((json["reason"] as? String)?.hasPrefix("enough-traffic:") == true)
            let (fewer, _) = try CLI.analyze(dir.path + "/hr.yaml", ["--min-requests", "5"])
            #expect(fewer.status == 0, "\(fewer.stdoutText)")
        }

        @Test("a weight Flux has not applied yet is inconclusive (exit 3)")
        func weightNotApplied() throws {
            let dir = try Scratch()
            let (result, json) = try CLI.analyze(
                try dir.write("hr.yaml", Files.helmRelease(namespace: "healthy", primaryLoad: 75)))
            #expect(result.status == 3)
            let split = CLI.check(json, "split")
            #expect(split["result"] as? String == "inconclusive")
            #expect((split["detail"] as? String)?.contains("observed 10% but the canary weight is 25%") == true)
        }

        @Test(
            "a dark canary is gated by readiness only",
            arguments: [
                ("dark-ready", Int32(0), "pass"), ("dark-notready", Int32(3), "inconclusive"),
                ("dark-up", Int32(0), "pass"),
            ])
        func dark(_ namespace: String, _ status: Int32, _ readiness: String) throws {
            let dir = try Scratch()
            let (result, json) = try CLI.analyze(
                try dir.write("hr.yaml", Files.helmRelease(namespace: namespace, primaryLoad: 100)))
            #expect(result.status == status, "\(result.stdoutText)\(result.stderrText)")
            #expect(CLI.check(json, "readiness")["result"] as? String == readiness)
            for name in ["enough-traffic", "split", "errors", "latency"] {
                #expect(CLI.check(json, name)["result"] as? String == "skipped")
            }
        }

        @Test("--at takes unix seconds or RFC 3339, with the same result")
        func atFormats() throws {
            let dir = try Scratch()
            let file = try dir.write("hr.yaml", Files.helmRelease(namespace: "healthy", primaryLoad: 90))
            let (a, _) = try CLI.analyze(file, at: String(Scenarios.at))
            let (b, _) = try CLI.analyze(file, at: "2026-11-30T07:00:00+01:00")
            #expect(a.status == 0 && a.stdout == b.stdout)
        }

        @Test("table output: verdict, a row per check, every query")
        func table() throws {
            let dir = try Scratch()
            let file = try dir.write("hr.yaml", Files.helmRelease(namespace: "errors", primaryLoad: 90))
            let server = try PrometheusServer.shared()
            let result = try CLI.run(["analyze", file, "--prometheus", server.url, "--at", Scenarios.atText])
            #expect(result.status == 2)
            let lines = result.stdoutText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines[0].hasPrefix("VERDICT  fail: errors: 5xx 8"))
            #expect(lines.contains { $0.hasPrefix("errors ") && $0.contains(" fail ") })
            #expect(lines.contains("QUERIES"))
            #expect(result.stdoutText.components(separatedBy: "istio_requests_total").count > 8)
        }

        @Test("Prometheus down or not Prometheus: exit 1, nothing on stdout")
        func unreachable() throws {
            let dir = try Scratch()
            let file = try dir.write("hr.yaml", Files.helmRelease(namespace: "healthy", primaryLoad: 90))
            let port = try PrometheusServer.freePort()
            let down = try CLI.run([
                "analyze", file, "--prometheus", "http://127.0.0.1:\(port)", "--at", Scenarios.atText, "--timeout", "2",
            ])
            #expect(down.status == 1)
            #expect(down.stdout.isEmpty)
            #expect(
                down.stderrText
                    == "kserve-canary: error: cannot reach Prometheus at http://127.0.0.1:\(port): connection refused\n"
            )
            let server = try PrometheusServer.shared()
            let wrong = try CLI.run([
                "analyze", file, "--prometheus", server.url + "/nothing-here", "--at", Scenarios.atText,
            ])
            #expect(wrong.status == 1)
            #expect(wrong.stdout.isEmpty)
            #expect(wrong.stderrText.contains("not a Prometheus API answer"), "\(wrong.stderrText)")
        }

        @Test("usage errors exit 64; a file without canary exits 1")
        func usage() throws {
            let dir = try Scratch()
            let file = try dir.write("hr.yaml", Files.helmRelease(namespace: "healthy", primaryLoad: 90))
            let server = try PrometheusServer.shared()
            for bad in [
                ["--at", "yesterday"], ["--window", "5 minutes"], ["--output", "yaml"], ["--prometheus", "ftp://x"],
            ] {
                let result = try CLI.run(["analyze", file, "--prometheus", server.url] + bad)
                #expect(result.status == 64, "\(bad)")
                #expect(result.stdout.isEmpty)
            }
            let idle = try dir.write(
                "idle.yaml", Files.helmRelease(namespace: "healthy", primaryLoad: 100, canary: nil))
            let result = try CLI.run(["analyze", idle, "--prometheus", server.url])
            #expect(result.status == 1)
            #expect(result.stderrText.contains("no canary is running"))
        }

        @Test("a values file needs --namespace and --name")
        func valuesFile() throws {
            let dir = try Scratch()
            let file = try dir.write(
                "values.yaml",
                "primaryLoad: 90\ninferenceservice:\n  predictor:\n    model:\n      storageUri: gs://m/1\n"
                    + "      newStorageUri: gs://m/2\n"
            )
            let server = try PrometheusServer.shared()
            let missing = try CLI.run(["analyze", file, "--prometheus", server.url, "--at", Scenarios.atText])
            #expect(missing.status == 1)
            #expect(missing.stderrText.contains("pass --namespace"))
            let (result, json) = try CLI.analyze(file, ["--namespace", "healthy", "--name", "sklearn"])
            #expect(result.status == 0)
            #expect(json["release"] is NSNull)
        }
    }
}
