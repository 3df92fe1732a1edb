import Foundation
import TestSupport
import Testing

/// `helm plugin install` on a machine without Swift: the install hook downloads the released
/// binary from a real HTTP server on loopback (the release directory scripts/release.sh built,
/// and the repository itself served over git's HTTP protocol), verifies it against SHA256SUMS and
/// installs it; Helm 3.17 and Helm 4.1 then render through the plugins exactly as the binary does.
@Suite("Plugin install from a release")
struct ReleaseInstallTests {
    /// A served tree: `kserve-canary.git` (the repository), `v<version>/` (the release), and
    /// `tampered/v<version>/`, `missing/v<version>/` with a wrong or no checksum for the archive.
    final class Site {
        let scratch: Scratch
        let server: LoopbackServer
        let version: String
        let archive: String

        init() throws {
            scratch = try Scratch("release-site")
            do {
                try RepositorySnapshot.make(in: scratch)
                let version = try ReleaseArtifacts.version()
                let archive = try ReleaseArtifacts.archiveName()
                self.version = version
                self.archive = archive
                let release = try ReleaseArtifacts.directory()
                try FileManager.default.createSymbolicLink(
                    atPath: scratch.dir + "/served/v\(version)", withDestinationPath: release)
                let sums = try String(contentsOfFile: release + "/SHA256SUMS", encoding: .utf8)
                guard sums.contains("  \(archive)\n") else {
                    throw TestFailure("SHA256SUMS has no \(archive):\n\(sums)")
                }
                for variant in ["tampered", "missing"] {
                    let dir = scratch.dir + "/served/\(variant)/v\(version)"
                    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                    for file in try FileManager.default.contentsOfDirectory(atPath: release) where file != "SHA256SUMS"
                    {
                        try FileManager.default.createSymbolicLink(
                            atPath: dir + "/" + file, withDestinationPath: release + "/" + file)
                    }
                    let lines = sums.split(separator: "\n").map(String.init)
                    let edited =
                        variant == "missing"
                        ? lines.filter { !$0.hasSuffix("  " + archive) }
                        : lines.map {
                            $0.hasSuffix("  " + archive) ? String(repeating: "0", count: 64) + "  " + archive : $0
                        }
                    try (edited.joined(separator: "\n") + "\n").write(
                        toFile: dir + "/SHA256SUMS", atomically: true, encoding: .utf8)
                }
                server = try LoopbackServer.http(serving: scratch.dir + "/served")
            } catch {
                scratch.close()
                throw error
            }
        }

        /// The repository URL, as in `helm plugin install https://github.com/<owner>/<repo>`.
        var repositoryURL: String { server.url + "/kserve-canary.git" }
        /// A fresh `git clone` of the served repository (a user's checkout).
        func clone(_ name: String) throws -> String {
            try scratch.sh("git clone -q '\(repositoryURL)' '\(name)'", environment: RepositorySnapshot.git)
            return scratch.dir + "/" + name
        }

        func close() {
            server.stop()
            scratch.close()
        }
    }

    /// The plugin's output and the binary's own for the same render (`helm template | kserve-canary`).
    static func direct(_ home: BareHelmHome, _ chart: ChartCase) throws -> (rendered: [UInt8], direct: [UInt8]) {
        let rendered = try home.succeed(chart.templateArguments()).stdout
        let direct = try ProcessRunner.run(try ToolPaths.binary(), [], stdin: rendered)
        guard direct.status == 0 else { throw TestFailure("kserve-canary: \(direct.stderrText)") }
        return (rendered, direct.stdout)
    }

    @Test func thePathHasNoSwift() throws {
        let home = try BareHelmHome(.helm3)
        defer { home.close() }
        let which = try ProcessRunner.shell("command -v swift", environment: home.environment())
        #expect(which.status != 0, "swift is on the test PATH: \(which.stdoutText)")
    }

    /// Helm 3: `helm plugin install <repository URL>` (git over HTTP), the hook downloads and
    /// verifies the release; every Helm 3 route renders byte for byte what the binary writes.
    @Test func helm3InstallsTheReleasedBinaryFromTheRepositoryURL() throws {
        let site = try Site()
        defer { site.close() }
        let home = try BareHelmHome(.helm3)
        defer { home.close() }
        let install = try home.succeed(
            ["plugin", "install", site.repositoryURL],
            environment: ["KSERVE_CANARY_RELEASE_URL": site.server.url])
        #expect(install.stderrText.contains("verified sha256"), "\(install.stderrText)")
        #expect(install.stderrText.contains("downloading \(site.server.url)/v\(site.version)/\(site.archive)"))
        let binaries = try home.installedBinaries()
        try #require(binaries.count == 1, "\(binaries)")
        #expect(try home.succeed([Repo.cliPlugin, "--version"]).stdoutText.trimmed == site.version)

        for chart in ChartCase.passing {
            let (rendered, direct) = try Self.direct(home, chart)
            #expect(try home.succeed(chart.templateArguments() + ["--post-renderer", binaries[0]]).stdout == direct)
            let byHelm = try home.succeed(
                chart.templateArguments() + ["--post-renderer", "helm", "--post-renderer-args", Repo.cliPlugin])
            #expect(byHelm.stdout == direct, "\(chart.name)")
            #expect(try home.succeed([Repo.cliPlugin], stdin: rendered).stdout == direct)
        }
    }

    /// Helm 4: the top-level plugin from the repository URL (a VCS install needs `--verify=false`),
    /// the post-renderer plugin from the released tarball and from a fresh clone; renders through
    /// `--post-renderer kserve-canary-postrenderer` match the binary document for document.
    @Test func helm4InstallsBothPluginsFromTheRelease() throws {
        let site = try Site()
        defer { site.close() }
        let release = ["KSERVE_CANARY_RELEASE_URL": site.server.url]
        let tarball = "\(site.server.url)/v\(site.version)/\(Repo.postRendererPlugin).tgz"
        for source in ["tarball", "clone"] {
            let home = try BareHelmHome(.helm4)
            defer { home.close() }
            try home.succeed(["plugin", "install", site.repositoryURL, "--verify=false"], environment: release)
            let postRenderer =
                source == "tarball"
                ? tarball : try site.clone("checkout-\(UUID().uuidString)") + "/plugins/" + Repo.postRendererPlugin
            let installed = try home.succeed(
                ["plugin", "install", postRenderer] + (source == "tarball" ? ["--verify=false"] : []),
                environment: release)
            #expect(installed.stderrText.contains("verified sha256"), "\(installed.stderrText)")
            let list = try home.succeed(["plugin", "list"]).stdoutText
            #expect(list.contains(Repo.postRendererPlugin) && list.contains("postrenderer/v1"), "\(list)")
            #expect(try home.installedBinaries().count == 2)
            #expect(try home.succeed([Repo.cliPlugin, "--version"]).stdoutText.trimmed == site.version)

            for chart in ChartCase.passing {
                let (rendered, direct) = try Self.direct(home, chart)
                let byPlugin = try home.succeed(
                    chart.templateArguments() + ["--post-renderer", Repo.postRendererPlugin])
                #expect(
                    try YAMLNormalizer.documents(byPlugin.stdout) == (try YAMLNormalizer.documents(direct)),
                    "\(source), \(chart.name)")
                #expect(try home.succeed([Repo.cliPlugin], stdin: rendered).stdout == direct)
            }
            // A refused render still shows its reason through the downloaded binary.
            let (failing, reason) = ChartCase.failing[0]
            let refused = try home.run(failing.templateArguments() + ["--post-renderer", Repo.postRendererPlugin])
            #expect(refused.status == 1)
            #expect(refused.stderrText.contains(reason), "\(refused.stderrText)")
        }
    }

    /// A tampered SHA256SUMS and one without the archive's entry are refused on both majors, and
    /// no binary is left, not even one an earlier install had put there.
    @Test(arguments: HelmMajor.allCases)
    func badChecksumsAreRefusedAndLeaveNoBinary(_ helm: HelmMajor) throws {
        let site = try Site()
        defer { site.close() }
        for (variant, message) in [
            ("tampered", "checksum mismatch for \(site.archive)"),
            ("missing", "has no (single, valid) entry for \(site.archive)"),
        ] {
            let home = try BareHelmHome(helm)
            defer { home.close() }
            let checkout = try site.clone("checkout-\(variant)-\(helm == .helm3 ? 3 : 4)")
            let plugin = helm == .helm3 ? checkout : checkout + "/plugins/" + Repo.postRendererPlugin
            // A binary from before: a failed install must not leave it behind.
            try FileManager.default.createDirectory(atPath: plugin + "/bin", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: try ToolPaths.binary(), toPath: plugin + "/bin/kserve-canary")

            let result = try home.run(
                ["plugin", "install", plugin],
                environment: ["KSERVE_CANARY_RELEASE_URL": "\(site.server.url)/\(variant)"])
            #expect(result.status != 0)
            #expect(result.stderrText.contains(message), "\(variant): \(result.stderrText)")
            #expect(
                !FileManager.default.fileExists(atPath: plugin + "/bin/kserve-canary"), "\(variant): a binary was left")
            let leftovers = try ProcessRunner.shell("ls -A '\(plugin)/bin'").stdoutText
            #expect(leftovers.trimmed.isEmpty, "\(variant): \(leftovers)")
            #expect(try home.installedBinaries().isEmpty)
        }
    }

    /// Without KSERVE_CANARY_RELEASE_URL the hook asks the repository named in scripts/release.env
    /// for `v<plugin version>/SHA256SUMS` (a stand-in curl records the URL and fails: no network).
    @Test func defaultReleaseURLComesFromReleaseEnv() throws {
        let scratch = try Scratch("default-url")
        defer { scratch.close() }
        let home = try BareHelmHome(.helm3)
        defer { home.close() }
        let log = scratch.dir + "/curl.log"
        try ExecutableFile.create(
            home.pathDir + "/curl",
            text: "#!/bin/sh\nfor a in \"$@\"; do last=$a; done\necho \"$last\" >> '\(log)'\nexit 22\n")
        let pluginDir = try scratch.path("plugin/plugin.yaml")
        try FileManager.default.copyItem(atPath: Repo.path("plugin.yaml"), toPath: pluginDir)
        let result = try ProcessRunner.run(
            Repo.path("scripts/plugin-install.sh"), [],
            environment: home.environment([
                "HELM_PLUGIN_DIR": scratch.dir + "/plugin", "HELM_PLUGIN_NAME": Repo.cliPlugin,
            ]))
        #expect(result.status == 1)
        let version = try ReleaseArtifacts.version()
        let expected =
            "https://github.com/\(try ReleaseArtifacts.repository())/releases/download/v\(version)/SHA256SUMS"
        #expect(try String(contentsOfFile: log, encoding: .utf8).trimmed == expected)
        #expect(result.stderrText.contains("could not download \(expected)"), "\(result.stderrText)")
        #expect(result.stderrText.contains("KSERVE_CANARY_BUILD=1"))
        #expect(!FileManager.default.fileExists(atPath: scratch.dir + "/plugin/bin/kserve-canary"))
    }

    /// A release directory on disk (`file://`) works without a server; the update hook replaces
    /// the binary, and a failed update keeps the one that was there.
    @Test func fileURLInstallAndUpdate() throws {
        let scratch = try Scratch("file-url")
        defer { scratch.close() }
        let home = try BareHelmHome(.helm4)
        defer { home.close() }
        let version = try ReleaseArtifacts.version()
        let releases = scratch.dir + "/releases"
        try FileManager.default.createDirectory(atPath: releases, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: releases + "/v\(version)", withDestinationPath: try ReleaseArtifacts.directory())
        let plugin = scratch.dir + "/plugin"
        try FileManager.default.createDirectory(atPath: plugin, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Repo.path("plugin.yaml"), toPath: plugin + "/plugin.yaml")
        let hook = Repo.path("scripts/plugin-install.sh")
        let env = home.environment([
            "HELM_PLUGIN_DIR": plugin, "HELM_PLUGIN_NAME": Repo.cliPlugin,
            "KSERVE_CANARY_RELEASE_URL": "file://" + releases,
        ])
        let installed = try ProcessRunner.run(hook, [], environment: env)
        #expect(installed.status == 0, "\(installed.stderrText)")
        let binary = plugin + "/bin/kserve-canary"
        #expect(try ProcessRunner.run(binary, ["--version"]).stdoutText.trimmed == version)

        let updated = try ProcessRunner.run(hook, ["--update"], environment: env)
        #expect(updated.status == 0, "\(updated.stderrText)")
        #expect(updated.stderrText.contains("kserve-canary update: verified sha256"))

        var broken = env
        broken["KSERVE_CANARY_RELEASE_URL"] = "file://" + scratch.dir + "/nowhere"
        let failed = try ProcessRunner.run(hook, ["--update"], environment: broken)
        #expect(failed.status == 1)
        #expect(FileManager.default.isExecutableFile(atPath: binary), "a failed update removed the working binary")
    }
}
