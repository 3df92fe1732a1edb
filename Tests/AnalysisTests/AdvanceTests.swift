import Foundation
import TestSupport
import Testing

extension PrometheusBackedTests {
    @Suite("advance") struct Advance {
        func advance(_ file: String, at: String = Scenarios.atText, _ extra: [String] = []) throws -> ProcessResult {
            let server = try PrometheusServer.shared()
            return try CLI.run(["advance", file, "--prometheus", server.url, "--at", at] + extra)
        }

        @Test("pass steps to the next weight and records the step time in annotations")
        func step() throws {
            let dir = try Scratch()
            let before = Files.helmRelease(namespace: "healthy", primaryLoad: 90)
            let file = try dir.write("hr.yaml", before)
            let result = try advance(file)
            #expect(result.status == 0, "\(result.stderrText)")
            #expect(result.stderrText == "")
            #expect(result.stdoutText.hasPrefix("\(file): pass ("))
            #expect(
                result.stdoutText.hasSuffix(
                    "; step 2/3: canary gs://models/sklearn/2 gets 25% of the traffic (primaryLoad: 75)\n"))
            #expect(result.stdoutText.split(separator: "\n").count == 1)
            let expected =
                before
                .replacingOccurrences(
                    of: "  namespace: healthy\n",
                    with: """
                          namespace: healthy
                          annotations:
                            kserve-canary.io/canary: "gs://models/sklearn/2"
                            kserve-canary.io/failures: "0"
                            kserve-canary.io/last-step: "2026-11-30T06:00:00Z"

                        """
                )
                .replacingOccurrences(of: "primaryLoad: 90", with: "primaryLoad: 75")
            #expect(try dir.read("hr.yaml") == expected)
        }

        @Test("a step younger than --min-step-interval holds; 0s never holds; no recorded step never holds")
        func hold() throws {
            let dir = try Scratch()
            let text = Files.helmRelease(
                namespace: "healthy", primaryLoad: 90,
                annotations: [
                    "kserve-canary.io/canary": "gs://models/sklearn/2", "kserve-canary.io/failures": "1",
                    "kserve-canary.io/last-step": "2026-11-30T05:56:00Z",
                ])
            let file = try dir.write("hr.yaml", text)
            let held = try advance(file)
            #expect(held.status == 0)
            #expect(held.stdoutText.hasSuffix("; hold: the last step was 4m ago, less than --min-step-interval 10m\n"))
            #expect(try dir.read("hr.yaml") == text)
            let shorter = try advance(file, ["--min-step-interval", "3m"])
            #expect(shorter.stdoutText.contains("step 2/3"))
            #expect(try dir.read("hr.yaml").contains(#"kserve-canary.io/failures: "1""#))
            #expect(try dir.read("hr.yaml").contains(#"kserve-canary.io/last-step: "2026-11-30T06:00:00Z""#))
        }

        @Test("failures are counted in the file across runs; the third rolls back and clears the state")
        func rollbackAfterFailures() throws {
            let dir = try Scratch()
            let original = Files.helmRelease(namespace: "errors", primaryLoad: 90)
            let file = try dir.write("hr.yaml", original)
            let first = try advance(file)
            #expect(first.stdoutText.hasSuffix("; failure 1/3 recorded; rollback at 3\n"), "\(first.stdoutText)")
            #expect(try dir.read("hr.yaml").contains(#"kserve-canary.io/failures: "1""#))
            #expect(try dir.read("hr.yaml").contains("primaryLoad: 90"))
            let second = try advance(file, at: "2026-11-30T06:01:00Z")
            #expect(second.stdoutText.hasSuffix("; failure 2/3 recorded; rollback at 3\n"))
            let third = try advance(file, at: "2026-11-30T06:02:00Z", ["--output", "json"])
            let json = try JSONSerialization.jsonObject(with: Data(third.stdout)) as? [String: Any] ?? [:]
            #expect(json["decision"] as? String == "rollback")
            #expect(json["verdict"] as? String == "fail")
            #expect(json["changed"] as? Bool == true)
            #expect(
                (json["summary"] as? String)?.contains("failure 3/3: rolled back canary gs://models/sklearn/2") == true)
            let after = try dir.read("hr.yaml")
            #expect(
                !after.contains("newStorageUri") && !after.contains("annotations") && after.contains("primaryLoad: 100")
            )
            // Exactly what `rollback` does to the original file.
            let manual = try dir.write("manual.yaml", original)
            #expect(try CLI.run(["rollback", manual]).status == 0)
            #expect(try dir.read("manual.yaml") == after)
            // No canary any more: advance has nothing to do.
            let idle = try advance(file)
            #expect(idle.status == 0 && idle.stdoutText == "\(file): no canary is running; nothing to advance\n")
        }

        @Test("inconclusive changes nothing; --max-failures 1 rolls back at once; --dry-run writes nothing")
        func inconclusiveAndDryRun() throws {
            let dir = try Scratch()
            let quiet = try dir.write("quiet.yaml", Files.helmRelease(namespace: "quiet", primaryLoad: 90))
            let before = try dir.read("quiet.yaml")
            let result = try advance(quiet)
            #expect(result.stdoutText.hasPrefix("\(quiet): inconclusive (enough-traffic: "))
            #expect(result.stdoutText.hasSuffix("; nothing changes\n"))
            #expect(try dir.read("quiet.yaml") == before)
            let errors = try dir.write("errors.yaml", Files.helmRelease(namespace: "errors", primaryLoad: 90))
            let text = try dir.read("errors.yaml")
            let dry = try advance(errors, ["--max-failures", "1", "--dry-run"])
            #expect(dry.stdoutText.contains("failure 1/1: rolled back"))
            #expect(dry.stdoutText.hasSuffix(" (dry run; the file was not written)\n"))
            #expect(try dir.read("errors.yaml") == text)
        }

        @Test("--gate: a 2xx answer lets the step happen, anything else holds it", arguments: [200, 503])
        func gate(_ status: Int) throws {
            let dir = try Scratch()
            let file = try dir.write("hr.yaml", Files.helmRelease(namespace: "healthy", primaryLoad: 90))
            let before = try dir.read("hr.yaml")
            let gate = try GateServer(status: status, directory: dir.path)
            let result = try advance(file, ["--gate", gate.url])
            #expect(result.status == 0, "\(result.stderrText)")
            let requests = gate.requests()
            #expect(requests.count == 1)
            let body = try #require(requests.first?.split(separator: " ", maxSplits: 1))
            #expect(body.first == "application/json")
            let payload = try JSONSerialization.jsonObject(with: Data((body.last ?? "").utf8)) as? [String: Any]
            #expect(payload?["name"] as? String == "sklearn" && payload?["namespace"] as? String == "healthy")
            #expect(payload?["phase"] as? String == "Progressing")
            let metadata = payload?["metadata"] as? [String: String]
            #expect(metadata?["canaryWeight"] == "10" && metadata?["nextCanaryWeight"] == "25")
            if status == 200 {
                #expect(result.stdoutText.contains("step 2/3"))
                #expect(try dir.read("hr.yaml").contains("primaryLoad: 75"))
            } else {
                #expect(
                    result.stdoutText.hasSuffix("; hold: the gate \(gate.url) answered HTTP 503: halted by the gate\n"))
                #expect(try dir.read("hr.yaml") == before)
            }
        }

        @Test("a values file keeps the state in the canaryAnalysis key")
        func valuesFile() throws {
            let dir = try Scratch()
            let file = try dir.write(
                "values.yaml",
                "# sklearn in healthy\nprimaryLoad: 90\ninferenceservice:\n  predictor:\n    model:\n"
                    + "      storageUri: gs://m/1\n      newStorageUri: gs://m/2\n"
            )
            let first = try advance(dir.path + "/values.yaml", ["--namespace", "errors", "--name", "sklearn"])
            #expect(first.status == 0, "\(first.stderrText)")
            #expect(
                try dir.read("values.yaml")
                    == "# sklearn in healthy\nprimaryLoad: 90\ninferenceservice:\n  predictor:\n    model:\n"
                    + "      storageUri: gs://m/1\n      newStorageUri: gs://m/2\n"
                    + "canaryAnalysis:\n  canary: \"gs://m/2\"\n  failures: 1\n"
            )
            _ = file
            let second = try advance(dir.path + "/values.yaml", ["--namespace", "errors", "--name", "sklearn"])
            #expect(second.stdoutText.contains("failure 2/3"))
            #expect(try dir.read("values.yaml").hasSuffix("canaryAnalysis:\n  canary: \"gs://m/2\"\n  failures: 2\n"))
        }

        @Test("state recorded for another canary is ignored")
        func staleState() throws {
            let dir = try Scratch()
            let file = try dir.write(
                "hr.yaml",
                Files.helmRelease(
                    namespace: "errors", primaryLoad: 90,
                    annotations: [
                        "kserve-canary.io/canary": "gs://models/sklearn/old", "kserve-canary.io/failures": "2",
                    ]))
            let result = try advance(file)
            #expect(result.stdoutText.contains("failure 1/3 recorded"))
            #expect(result.stdoutText.hasSuffix("(ignoring state recorded for gs://models/sklearn/old)\n"))
            #expect(try dir.read("hr.yaml").contains(#"kserve-canary.io/canary: "gs://models/sklearn/2""#))
        }
    }
}
