import Foundation
import TestSupport
import Testing

/// What `scripts/release.sh --out DIR` produced: a self-contained binary archive, the chart
/// packages, the Helm 4 plugin package and SHA256SUMS; and its refusals when versions disagree.
@Suite("Release artifacts")
struct ReleaseTests {
    @Test func sha256sumsCoversEveryArtifact() throws {
        let dir = try ReleaseArtifacts.directory()
        _ = try ReleaseArtifacts.version()
        let check = try ProcessRunner.run(
            "/usr/bin/env", ["sha256sum", "--check", "--strict", "SHA256SUMS"], directory: dir)
        #expect(check.status == 0, "\(check.stdoutText)\(check.stderrText)")
        let listed = Set(
            try String(contentsOfFile: dir + "/SHA256SUMS", encoding: .utf8).split(separator: "\n")
                .map { String($0.split(separator: " ", maxSplits: 1)[1]).trimmed })
        let expected: Set = [
            try ReleaseArtifacts.archiveName(),
            "kserve-model-\(try ReleaseArtifacts.chartVersion("kserve-model")).tgz",
            "kserve-general-\(try ReleaseArtifacts.chartVersion("kserve-general")).tgz",
            "\(Repo.postRendererPlugin).tgz",
        ]
        #expect(expected.isSubset(of: listed), "\(listed)")
        let onDisk = Set(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0 != "SHA256SUMS" })
        #expect(onDisk == listed, "files in \(dir) that SHA256SUMS does not cover, or the reverse")
    }

    /// The archive holds `kserve-canary` at its top level; the binary links no Swift runtime,
    /// Foundation or libyaml, runs under `env -i PATH=/usr/bin:/bin`, and post-renders exactly as
    /// the development build does.
    @Test func binaryIsSelfContained() throws {
        let scratch = try Scratch("release-binary")
        defer { scratch.close() }
        let archive = try ReleaseArtifacts.directory() + "/" + (try ReleaseArtifacts.archiveName())
        let listing = try scratch.sh("tar -tzf '\(archive)'").stdoutText.split(separator: "\n").map(String.init)
        #expect(listing.contains("kserve-canary"), "\(listing)")
        #expect(listing.allSatisfy { !$0.contains("/") }, "\(listing)")
        try scratch.sh("tar -xzf '\(archive)'")
        let binary = scratch.dir + "/kserve-canary"

        let ldd = try ProcessRunner.run("/usr/bin/env", ["ldd", binary])
        #expect(ldd.status == 0, "\(ldd.stderrText)")
        for forbidden in ["libswift", "libFoundation", "libyaml", "libdispatch", "libBlocksRuntime", "not found"] {
            #expect(!ldd.stdoutText.contains(forbidden), "ldd names \(forbidden):\n\(ldd.stdoutText)")
        }
        #expect(ldd.stdoutText.contains("libc.so"), "\(ldd.stdoutText)")

        let bare = try ProcessRunner.run("/usr/bin/env", ["-i", "PATH=/usr/bin:/bin", binary, "--version"])
        #expect(bare.status == 0, "\(bare.stderrText)")
        #expect(bare.stdoutText.trimmed == (try ReleaseArtifacts.version()))

        let helm = try HelmMajor.helm3.path()
        for chart in ChartCase.passing {
            let rendered = try ProcessRunner.run(helm, chart.templateArguments())
            try #require(rendered.status == 0, "\(rendered.stderrText)")
            let released = try ProcessRunner.run(
                "/usr/bin/env", ["-i", "PATH=/usr/bin:/bin", binary], stdin: rendered.stdout)
            let developed = try ProcessRunner.run(try ToolPaths.binary(), [], stdin: rendered.stdout)
            #expect(released.status == 0, "\(released.stderrText)")
            #expect(released.stdout == developed.stdout, "\(chart.name)")
        }
        // A refused stream: same diagnostics, nothing on stdout.
        let (failing, reason) = ChartCase.failing[0]
        let rendered = try ProcessRunner.run(helm, failing.templateArguments())
        let refused = try ProcessRunner.run(
            "/usr/bin/env", ["-i", "PATH=/usr/bin:/bin", binary], stdin: rendered.stdout)
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderrText.contains(reason))
    }

    /// The chart packages carry the chart versions and the tool's version as appVersion.
    @Test(arguments: ["kserve-model", "kserve-general"])
    func chartPackages(_ chart: String) throws {
        let shown = try ProcessRunner.run(
            try HelmMajor.helm4.path(), ["show", "chart", try ReleaseArtifacts.chartPackage(chart)])
        #expect(shown.status == 0, "\(shown.stderrText)")
        #expect(shown.stdoutText.contains("name: \(chart)\n"))
        #expect(shown.stdoutText.contains("version: \(try ReleaseArtifacts.chartVersion(chart))\n"))
        #expect(shown.stdoutText.contains("appVersion: \(try ReleaseArtifacts.version())\n"), "\(shown.stdoutText)")
    }

    /// `release.sh` refuses (before building anything, writing nothing) when a plugin.yaml or a
    /// chart's appVersion disagrees with the version in the source.
    @Test(arguments: [
        ("plugin.yaml", "version"), ("plugins/kserve-canary-postrenderer/plugin.yaml", "version"),
        ("charts/kserve-model/Chart.yaml", "appVersion"), ("charts/kserve-general/Chart.yaml", "appVersion"),
    ])
    func releaseRefusesDisagreeingVersions(_ file: String, _ key: String) throws {
        let scratch = try Scratch("release-refuses")
        defer { scratch.close() }
        try RepositorySnapshot.make(in: scratch)
        let copy = scratch.dir + "/snapshot"
        let path = copy + "/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let edited = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("\(key):") ? "\(key): \"9.9.9\"" : String($0) }.joined(separator: "\n")
        #expect(edited != text)
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
        let out = scratch.dir + "/out"
        let result = try ProcessRunner.run(
            copy + "/scripts/release.sh", ["--out", out],
            environment: ["HELM": try HelmMajor.helm4.path()], directory: copy)
        #expect(result.status == 1)
        #expect(
            result.stderrText.contains(
                "\(file) has \(key) \"9.9.9\", the source has \"\(try ReleaseArtifacts.version())\""),
            "\(result.stderrText)")
        #expect(result.stderrText.contains("release: error:"))
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out), "release.sh wrote into --out")
        #expect(!FileManager.default.fileExists(atPath: copy + "/.build-release"), "release.sh started a build")
    }

    /// `--charts-only` (the release workflow's merge step) packages the charts and the plugin and
    /// writes SHA256SUMS over every archive in DIR, including those copied in from other platforms.
    @Test func chartsOnlyMergesOtherPlatforms() throws {
        let scratch = try Scratch("release-merge")
        defer { scratch.close() }
        let out = scratch.dir + "/dist"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let version = try ReleaseArtifacts.version()
        let other = "kserve-canary-\(version)-darwin-arm64.tar.gz"
        try Data("not really a binary".utf8).write(to: URL(fileURLWithPath: out + "/" + other))
        let result = try ProcessRunner.run(
            Repo.path("scripts/release.sh"), ["--out", out, "--charts-only"],
            environment: ["HELM": try HelmMajor.helm4.path()])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.trimmed == out)
        let check = try ProcessRunner.run(
            "/usr/bin/env", ["sha256sum", "--check", "--strict", "SHA256SUMS"], directory: out)
        #expect(check.status == 0, "\(check.stdoutText)")
        let sums = try String(contentsOfFile: out + "/SHA256SUMS", encoding: .utf8)
        for name in [
            other, "kserve-model-\(try ReleaseArtifacts.chartVersion("kserve-model")).tgz",
            "kserve-general-\(try ReleaseArtifacts.chartVersion("kserve-general")).tgz",
            "\(Repo.postRendererPlugin).tgz",
        ] {
            #expect(sums.contains("  \(name)\n"), "\(sums)")
        }
        #expect(!sums.contains("linux"))
    }
}
