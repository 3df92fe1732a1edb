import Foundation
import TestSupport
import Testing

/// Static checks of what ships: shellcheck over the scripts, sources that compile on macOS, one
/// repository name everywhere, the README's install section and the workflows.
@Suite("Distribution checks")
struct DistributionChecksTests {
    @Test func shellcheckFindsNothing() throws {
        let listed = try ProcessRunner.shell(
            "ls scripts/*.sh scripts/release.env plugins/*/scripts/*.sh .ci/run "
                + "examples/flux/rendered/render.sh 2>/dev/null",
            directory: Repo.root
        ).stdoutText.split(separator: "\n").map(String.init)
        #expect(listed.contains("scripts/plugin-install.sh"))
        #expect(listed.contains("plugins/kserve-canary-postrenderer/scripts/plugin-install.sh"))
        let result = try ProcessRunner.run(
            "/usr/bin/env", ["shellcheck", "--external-sources"] + listed, directory: Repo.root)
        #expect(result.status != 127, "shellcheck not found: run scripts/install-tools.sh (Debian package shellcheck)")
        #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
    }

    /// `scripts/check-glibc.sh` over Sources/: no unguarded `import Glibc` or `Glibc.` call (the
    /// macOS build of the release workflow would fail on one).
    @Test func sourcesHaveNoUnguardedGlibc() throws {
        let result = try ProcessRunner.run(Repo.path("scripts/check-glibc.sh"))
        #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
    }

    /// The checker itself: what it accepts and what it reports (fixture files).
    @Test func glibcCheckerTellsGuardedFromUnguarded() throws {
        let scratch = try Scratch("glibc")
        defer { scratch.close() }
        let guarded = """
            #if canImport(Glibc)
            import Glibc
            #elseif canImport(Darwin)
            import Darwin
            #endif
            // Glibc.write in a comment is fine
            func f(fd: Int32) {
                #if canImport(Darwin)
                _ = Darwin.close(fd)
                #else
                _ = Glibc.close(fd)
                #endif
                #if os(Linux)
                #if DEBUG
                _ = Glibc.close(fd)
                #endif
                #endif
            }
            """
        let unguarded = """
            import Foundation
            import Glibc
            #if canImport(Glibc)
            import Glibc
            #endif
            func f(fd: Int32) {
                _ = Glibc.close(fd)
                #if !canImport(Glibc)
                _ = Glibc.close(fd)
                #endif
            }
            """
        try guarded.write(toFile: try scratch.path("ok/A.swift"), atomically: true, encoding: .utf8)
        try unguarded.write(toFile: try scratch.path("bad/B.swift"), atomically: true, encoding: .utf8)
        let ok = try ProcessRunner.run(Repo.path("scripts/check-glibc.sh"), [scratch.dir + "/ok"])
        #expect(ok.status == 0, "\(ok.stdoutText)")
        let bad = try ProcessRunner.run(Repo.path("scripts/check-glibc.sh"), [scratch.dir + "/bad"])
        #expect(bad.status == 1)
        let lines = bad.stdoutText.split(separator: "\n").map {
            $0.split(separator: ":").dropFirst().first.map(String.init) ?? ""
        }
        #expect(lines == ["2", "7", "9"], "\(bad.stdoutText)")
    }

    /// The repository and the charts' registry are named once (scripts/release.env); every file
    /// that spells them for users agrees.
    @Test func oneRepositoryName() throws {
        let repository = try ReleaseArtifacts.repository()
        let owner = String(repository.split(separator: "/")[0])
        var checked = 0
        for file in [
            "README.md", "docs/helm-plugin.md", "docs/distribution.md", "plugin.yaml",
            "plugins/kserve-canary-postrenderer/plugin.yaml", ".github/workflows/ci.yml",
            ".github/workflows/release.yml",
        ] {
            let text = try String(contentsOfFile: Repo.path(file), encoding: .utf8)
            for match in Self.matches(#"github\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+"#, in: text) {
                #expect(
                    match == "github.com/" + repository || match.hasPrefix("github.com/kserve/")
                        || match.hasPrefix("github.com/fluxcd/") || match.hasPrefix("github.com/helm/"),
                    "\(file): \(match)")
                checked += 1
            }
            for match in Self.matches(#"ghcr\.io/[A-Za-z0-9_.$\{\}-]+"#, in: text) {
                #expect(match == "ghcr.io/" + owner || match.hasPrefix("ghcr.io/${"), "\(file): \(match)")
                checked += 1
            }
        }
        #expect(checked >= 4)
        for workflow in [".github/workflows/ci.yml", ".github/workflows/release.yml"] {
            let text = try String(contentsOfFile: Repo.path(workflow), encoding: .utf8)
            #expect(
                !text.contains(repository), "\(workflow) spells the repository instead of reading scripts/release.env")
        }
        let release = try String(contentsOfFile: Repo.path(".github/workflows/release.yml"), encoding: .utf8)
        #expect(release.contains("scripts/release.env"))
    }

    /// README: the install section starts with the plugin from the repository URL and the chart
    /// from the OCI registry, and says what needs a toolchain; the set-up commands stay.
    @Test func readmeInstallSection() throws {
        let readme = try String(contentsOfFile: Repo.path("README.md"), encoding: .utf8)
        #expect(readme.contains("scripts/demo.sh   #"))
        #expect(readme.contains("scripts/test.sh   #"))
        guard let start = readme.range(of: "\n## Install\n") else {
            Issue.record("README.md has no \"## Install\" section")
            return
        }
        let section = String(readme[start.upperBound...]).components(separatedBy: "\n## ")[0]
        let commands = section.split(separator: "\n").filter { $0.hasPrefix("helm ") }.map(String.init)
        let repository = try ReleaseArtifacts.repository()
        try #require(commands.count >= 2, "\(section)")
        #expect(commands[0].hasPrefix("helm plugin install https://github.com/\(repository)"), "\(commands[0])")
        #expect(commands[1].hasPrefix("helm install ") && commands[1].contains("oci://ghcr.io/"), "\(commands[1])")
        #expect(section.lowercased().contains("toolchain"))
    }

    /// The workflows parse as YAML and run the scripts they are meant to.
    @Test func workflowsAreValidYAML() throws {
        let script = """
            import sys, yaml
            for path in sys.argv[1:]:
                doc = yaml.safe_load(open(path))
                assert isinstance(doc, dict) and doc.get("jobs"), path + ": no jobs"
                on = doc.get("on", doc.get(True))
                assert on, path + ": no trigger"
                for name, job in doc["jobs"].items():
                    assert "runs-on" in job, path + ": job " + name + " has no runs-on"
                    assert job.get("steps"), path + ": job " + name + " has no steps"
                    for step in job["steps"]:
                        assert ("uses" in step) != ("run" in step), path + ": " + name + ": a step needs uses or run"
                print(path, "ok")
            """
        let files = [Repo.path(".github/workflows/ci.yml"), Repo.path(".github/workflows/release.yml")]
        let result = try ProcessRunner.run("/usr/bin/env", ["python3", "-c", script] + files)
        #expect(result.status == 0, "\(result.stderrText)")
        let ci = try String(contentsOfFile: files[0], encoding: .utf8)
        #expect(ci.contains("scripts/test.sh"))
        #expect(ci.contains("macos"))
        let release = try String(contentsOfFile: files[1], encoding: .utf8)
        for needle in ["scripts/release.sh --out", "--charts-only", "SHA256SUMS", "helm push", "- 'v*'"] {
            #expect(release.contains(needle), "release.yml lacks \(needle)")
        }
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }
}
