import Foundation
import TestSupport
import Testing

/// kserve-canary as a Helm plugin, installed with `helm plugin install <this checkout>` into
/// throwaway Helm homes, on Helm 3 and Helm 4, through every post-rendering route.
///
/// Serialized: a local install is a symlink to the checkout, so the install hooks of every test
/// write the same `bin/kserve-canary` files.
@Suite("Helm plugin", .serialized)
struct PluginTests {
    // MARK: - Plugin files

    @Test func versionIsWrittenOnceAndCopiedIntoEveryPluginYAML() throws {
        let check = try ProcessRunner.run(Repo.path("scripts/plugin-version.sh"), ["--check"])
        #expect(check.status == 0, "\(check.stderrText)")
        let printed = try ProcessRunner.run(Repo.path("scripts/plugin-version.sh"))
        let binary = try ProcessRunner.run(try ToolPaths.binary(), ["--version"])
        #expect(printed.stdoutText == binary.stdoutText)
        #expect(!printed.stdoutText.isEmpty)
        // The hooks and wrappers never spell a version.
        let version = printed.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        for script in ["plugin-install.sh", "plugin-run.sh", "plugin-postrender.sh", "plugin-lib.sh"] {
            let text = try String(contentsOfFile: Repo.path("scripts/" + script), encoding: .utf8)
            #expect(!text.contains(version), "scripts/\(script) spells the version")
        }
    }

    @Test func pluginYAMLFormats() throws {
        let legacy = try String(contentsOfFile: Repo.path("plugin.yaml"), encoding: .utf8)
        #expect(legacy.contains("\nname: kserve-canary\n"))
        #expect(!legacy.contains("apiVersion"), "the top-level plugin.yaml must stay in the legacy format")
        // Helm 3.17 decodes plugin.yaml strictly and knows no platformHooks.
        #expect(!legacy.contains("platformHooks"))
        let v1 = try String(contentsOfFile: Repo.postRendererDir + "/plugin.yaml", encoding: .utf8)
        #expect(v1.contains("\napiVersion: v1\n"))
        #expect(v1.contains("\ntype: postrenderer/v1\n"))
        #expect(v1.contains("\nname: kserve-canary-postrenderer\n"))
    }

    // MARK: - Install

    @Test(arguments: HelmMajor.allCases)
    func installsFromTheCheckoutAndRunsTheCLI(_ helm: HelmMajor) throws {
        let home = try PluginHome(helm)
        defer { home.close() }
        try home.installPlugins()
        let version = try ProcessRunner.run(try ToolPaths.binary(), ["--version"]).stdoutText

        let list = try home.succeed(["plugin", "list"]).stdoutText
        let rows = list.split(separator: "\n").map {
            $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        }
        let expected = helm == .helm3 ? [Repo.cliPlugin] : [Repo.cliPlugin, Repo.postRendererPlugin]
        for name in expected {
            let row = rows.first { $0.first == name }
            #expect(row?.dropFirst().first == version.trimmingCharacters(in: .whitespacesAndNewlines), "\(list)")
            if helm == .helm4 {
                #expect(row?.contains(name == Repo.cliPlugin ? "cli/v1" : "postrenderer/v1") == true, "\(list)")
            }
        }
        #expect(try home.succeed([Repo.cliPlugin, "--version"]).stdoutText == version)
        #expect(try home.succeed([Repo.cliPlugin, "lint", "--help"]).stdoutText.contains("USAGE:"))
        #expect(FileManager.default.isExecutableFile(atPath: home.installedBinary))

        // A usage error keeps its status through `helm kserve-canary`.
        let usage = try home.run([Repo.cliPlugin, "post-render", "--weights", "loose"])
        #expect(usage.status == 64)
        #expect(usage.stderrText.contains("loose"))
    }

    /// With `KSERVE_CANARY_BUILD=1` the hooks build with `swift build -c release` in the checkout (here
    /// a stand-in `swift` on PATH that records its arguments and points at the built binary).
    @Test(arguments: HelmMajor.allCases)
    func installHookBuildsInTheCheckout(_ helm: HelmMajor) throws {
        let home = try PluginHome(helm)
        defer { home.close() }
        let binDir = home.dir + "/swift-bin"
        try FileManager.default.createDirectory(atPath: binDir, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: binDir + "/kserve-canary", withDestinationPath: try ToolPaths.binary())
        let log = home.dir + "/swift.log"
        let stub = """
            #!/bin/sh
            echo "$*" >> '\(log)'
            case " $* " in *" --show-bin-path "*) echo '\(binDir)' ;; esac
            """
        try ExecutableFile.create(home.pathDir + "/swift", text: stub)

        let buildRoute = ["KSERVE_CANARY_BUILD": "1"]
        try home.succeed(["plugin", "install", Repo.root], environment: buildRoute)
        if helm == .helm4 { try home.succeed(["plugin", "install", Repo.postRendererDir], environment: buildRoute) }
        let root = URL(fileURLWithPath: Repo.root).resolvingSymlinksInPath().path
        let calls = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        let build = "build -c release --package-path \(root)"
        let expected = Array(repeating: [build, build + " --show-bin-path"], count: helm == .helm4 ? 2 : 1).flatMap {
            $0
        }
        #expect(calls == expected, "\(calls)")
        let version = try ProcessRunner.run(try ToolPaths.binary(), ["--version"]).stdoutText
        #expect(try home.succeed([Repo.cliPlugin, "--version"]).stdoutText == version)
        if helm == .helm4 {
            let rendered = try home.succeed(
                ChartCase.passing[2].templateArguments() + ["--post-renderer", Repo.postRendererPlugin])
            #expect(rendered.stdoutText.contains("--model_name=sklearn"))
        }
    }

    /// A `swift` on PATH alone does not make the hook build: without KSERVE_CANARY_BUILD it downloads
    /// the release (here from an address where nothing listens, so the install fails, built nothing
    /// and says where it looked).
    @Test func swiftOnPathAloneDoesNotBuild() throws {
        let home = try PluginHome(.helm3)
        defer { home.close() }
        let log = home.dir + "/swift.log"
        try ExecutableFile.create(home.pathDir + "/swift", text: "#!/bin/sh\necho \"$*\" >> '\(log)'\nexit 1\n")
        let nowhere = "http://127.0.0.1:\(try LoopbackServer.freePort())"
        let result = try home.run(
            ["plugin", "install", Repo.root], environment: ["KSERVE_CANARY_RELEASE_URL": nowhere])
        #expect(result.status != 0)
        #expect(result.stderrText.contains("could not download \(nowhere)/v"), "\(result.stderrText)")
        #expect(!FileManager.default.fileExists(atPath: log), "the hook ran swift")
        #expect(!FileManager.default.fileExists(atPath: home.installedBinary))
    }

    /// The update hook (`helm plugin update` runs it for VCS installs; for a checkout it would be
    /// a git pull, so it is run directly here).
    @Test func updateHookPlacesTheGivenBinary() throws {
        let home = try PluginHome(.helm4)
        defer { home.close() }
        let pluginDir = home.dir + "/plugin"
        try FileManager.default.createDirectory(atPath: pluginDir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Repo.path("plugin.yaml"), toPath: pluginDir + "/plugin.yaml")
        let result = try ProcessRunner.run(
            Repo.path("scripts/plugin-install.sh"), ["--update"],
            environment: [
                "HELM_PLUGIN_DIR": pluginDir, "HELM_PLUGIN_NAME": Repo.cliPlugin,
                "KSERVE_CANARY_BINARY": try ToolPaths.binary(), "HELM_KSERVE_CANARY_SKIP_BUILD": "",
            ])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stderrText.contains("kserve-canary update: kserve-canary"))
        #expect(FileManager.default.isExecutableFile(atPath: pluginDir + "/bin/kserve-canary"))
    }

    @Test func installHookRefusesANonExecutableGivenBinary() throws {
        let home = try PluginHome(.helm3)
        defer { home.close() }
        let result = try home.run(
            ["plugin", "install", Repo.root], environment: ["KSERVE_CANARY_BINARY": "/nonexistent/kserve-canary"])
        #expect(result.status != 0)
        #expect(result.stderrText.contains("KSERVE_CANARY_BINARY=/nonexistent/kserve-canary is not an executable file"))
    }
}
