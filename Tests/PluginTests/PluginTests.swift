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
        try stub.write(toFile: home.pathDir + "/swift", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: home.pathDir + "/swift")

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
        try "#!/bin/sh\necho \"$*\" >> '\(log)'\nexit 1\n".write(
            toFile: home.pathDir + "/swift", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: home.pathDir + "/swift")
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

    // MARK: - Post-rendering routes

    /// Helm 3: `--post-renderer <installed binary>`, `--post-renderer helm --post-renderer-args
    /// kserve-canary`, and `helm template | helm kserve-canary`, byte for byte what the binary
    /// writes for `helm template | kserve-canary`.
    @Test(arguments: ChartCase.passing)
    func helm3RoutesMatchTheDirectOutput(_ chart: ChartCase) throws {
        let home = try PluginHome(.helm3)
        defer { home.close() }
        try home.installPlugins()
        let rendered = try home.succeed(chart.templateArguments()).stdout
        let direct = try ProcessRunner.run(try ToolPaths.binary(), [], stdin: rendered)
        try #require(direct.status == 0, "\(direct.stderrText)")
        #expect(direct.stdout != rendered, "the post-renderer changed nothing")
        #expect(direct.stdoutText.contains("--model_name=sklearn"))

        let byPath = try home.succeed(chart.templateArguments() + ["--post-renderer", home.installedBinary])
        #expect(byPath.stdout == direct.stdout)
        let byHelm = try home.succeed(
            chart.templateArguments() + ["--post-renderer", "helm", "--post-renderer-args", Repo.cliPlugin])
        #expect(byHelm.stdout == direct.stdout)
        let byCLI = try home.succeed([Repo.cliPlugin], stdin: rendered)
        #expect(byCLI.stdout == direct.stdout)
    }

    /// Helm 4: `--post-renderer kserve-canary-postrenderer` (Helm re-emits the documents, so the
    /// comparison is per document), `helm template | helm kserve-canary` byte for byte, and
    /// `helm install --dry-run=client` with the plugin.
    @Test(arguments: ChartCase.passing)
    func helm4RoutesMatchTheDirectOutput(_ chart: ChartCase) throws {
        let home = try PluginHome(.helm4)
        defer { home.close() }
        try home.installPlugins()
        let rendered = try home.succeed(chart.templateArguments()).stdout
        let direct = try ProcessRunner.run(try ToolPaths.binary(), [], stdin: rendered)
        try #require(direct.status == 0, "\(direct.stderrText)")
        #expect(direct.stdoutText.contains("--model_name=sklearn"))

        let byPlugin = try home.succeed(chart.templateArguments() + ["--post-renderer", Repo.postRendererPlugin])
        #expect(try YAMLNormalizer.documents(byPlugin.stdout) == (try YAMLNormalizer.documents(direct.stdout)))
        // Helm split the output back into the chart's files: the filename annotation survived.
        #expect(!byPlugin.stdoutText.contains("generated-by-postrender"))
        #expect(!byPlugin.stdoutText.contains("postrenderer.helm.sh/postrender-filename"))
        for template in ["hr-primary.yaml", "hr-canary.yaml", "virtualservice.yaml"] {
            #expect(byPlugin.stdoutText.contains("# Source: kserve-general/templates/\(template)\n"))
        }

        let byCLI = try home.succeed([Repo.cliPlugin], stdin: rendered)
        #expect(byCLI.stdout == direct.stdout)

        var install = chart.templateArguments()
        install[0] = "install"
        let installed = try home.succeed(install + ["--dry-run=client", "--post-renderer", Repo.postRendererPlugin])
        #expect(installed.stdoutText.contains("--model_name=sklearn"))
        #expect(installed.stdoutText.range(of: #"(?m)^\s*newStorageUri:"#, options: .regularExpression) == nil)
    }

    /// `--show-only` selects post-rendered documents by their `# Source:` file on both majors.
    @Test(arguments: HelmMajor.allCases)
    func showOnlyWorksWithThePostRenderer(_ helm: HelmMajor) throws {
        let home = try PluginHome(helm)
        defer { home.close() }
        try home.installPlugins()
        let chart = ChartCase.passing[0]
        let rendered = try home.succeed(chart.templateArguments()).stdout
        let direct = try ProcessRunner.run(try ToolPaths.binary(), [], stdin: rendered)
        try #require(direct.status == 0, "\(direct.stderrText)")
        let postRenderer =
            helm == .helm3
            ? ["--post-renderer", "helm", "--post-renderer-args", Repo.cliPlugin]
            : ["--post-renderer", Repo.postRendererPlugin]

        for (template, kind, name) in [
            ("virtualservice.yaml", "VirtualService", "sklearn-predictor"),
            ("hr-canary.yaml", "HelmRelease", "sklearn-canary"),
        ] {
            let shown = try home.succeed(
                chart.templateArguments() + postRenderer + ["--show-only", "templates/" + template])
            let documents = try YAMLNormalizer.documents(shown.stdout)
            #expect(documents.count == 1, "\(shown.stdoutText)")
            let expected = try YAMLNormalizer.documents(direct.stdout, kind: kind).filter {
                $0.contains("\"name\": \"\(name)\"")
            }
            #expect(documents == expected)
        }
        let canary = try home.succeed(
            chart.templateArguments() + postRenderer + ["--show-only", "templates/hr-canary.yaml"])
        #expect(canary.stdoutText.contains("storageUri: gs://kfserving-examples/models/sklearn/1.0/model-2"))
        #expect(canary.stdoutText.range(of: #"(?m)^\s*newStorageUri:"#, options: .regularExpression) == nil)
    }

    // MARK: - Failures show their reason

    @Test(arguments: zip(ChartCase.failing.map(\.0), ChartCase.failing.map(\.1)))
    func helm3FailuresShowTheReason(_ chart: ChartCase, _ reason: String) throws {
        let home = try PluginHome(.helm3)
        defer { home.close() }
        try home.installPlugins()
        for postRenderer in [
            ["--post-renderer", home.installedBinary],
            ["--post-renderer", "helm", "--post-renderer-args", Repo.cliPlugin],
        ] {
            let result = try home.run(chart.templateArguments() + postRenderer)
            #expect(result.status == 1)
            #expect(!result.stdoutText.contains("apiVersion"))
            #expect(result.stderrText.contains(reason), "\(result.stderrText)")
            #expect(result.stderrText.contains("kserve-canary: 1 problem found; nothing was written"))
        }
        let rendered = try home.succeed(chart.templateArguments()).stdout
        let byCLI = try home.run([Repo.cliPlugin], stdin: rendered)
        #expect(byCLI.status == 1)
        #expect(byCLI.stdout.isEmpty)
        #expect(byCLI.stderrText.contains(reason))
    }

    /// Helm 4 drops a post-renderer's stderr; the wrapper makes the reason part of Helm's own
    /// error message and keeps it in `$HELM_CACHE_HOME/kserve-canary/last-error.log`.
    @Test(arguments: zip(ChartCase.failing.map(\.0), ChartCase.failing.map(\.1)))
    func helm4FailuresShowTheReason(_ chart: ChartCase, _ reason: String) throws {
        let home = try PluginHome(.helm4)
        defer { home.close() }
        try home.installPlugins()
        var install = chart.templateArguments()
        install[0] = "install"
        for arguments in [
            chart.templateArguments(), chart.templateArguments() + ["--debug"], install + ["--dry-run=client"],
        ] {
            let result = try home.run(arguments + ["--post-renderer", Repo.postRendererPlugin])
            #expect(result.status == 1)
            #expect(!result.stdoutText.contains("kind: HelmRelease"))
            #expect(result.stderrText.contains(reason), "\(result.stderrText)")
            #expect(result.stderrText.contains("kserve-canary: 1 problem found; nothing was written"))
            #expect(result.stderrText.contains("kserve-canary-postrenderer: kserve-canary failed (exit status 1):"))
        }
        let log = try String(contentsOfFile: home.dir + "/cache/kserve-canary/last-error.log", encoding: .utf8)
        #expect(log.contains(reason))

        // Without the report (what Helm 4 does on its own): the reason is lost.
        let plain = try home.run(
            chart.templateArguments() + ["--post-renderer", Repo.postRendererPlugin],
            environment: ["HELM_KSERVE_CANARY_PLAIN_ERRORS": "1"])
        #expect(plain.status == 1)
        #expect(plain.stderrText.contains("plugin \"kserve-canary-postrenderer\" exited with error"))
        #expect(!plain.stderrText.contains(reason))

        let rendered = try home.succeed(chart.templateArguments()).stdout
        let byCLI = try home.run([Repo.cliPlugin], stdin: rendered)
        #expect(byCLI.status == 1)
        #expect(byCLI.stdout.isEmpty)
        #expect(byCLI.stderrText.contains(reason))
    }

    /// A copy of the post-renderer plugin installed with HELM_KSERVE_CANARY_SKIP_BUILD: it runs
    /// kserve-canary from PATH, and says so when there is none.
    @Test func helm4SkipBuildUsesPathAndReportsAMissingBinary() throws {
        let home = try PluginHome(.helm4)
        defer { home.close() }
        let copy = home.dir + "/src/kserve-canary-postrenderer"
        try FileManager.default.createDirectory(atPath: home.dir + "/src", withIntermediateDirectories: true)
        let cp = try ProcessRunner.run("/bin/cp", ["-RL", Repo.postRendererDir, copy])
        try #require(cp.status == 0, "\(cp.stderrText)")
        try? FileManager.default.removeItem(atPath: copy + "/bin")
        try home.succeed(["plugin", "install", copy], environment: ["HELM_KSERVE_CANARY_SKIP_BUILD": "1"])
        let chart = ChartCase.passing[2]

        let missing = try home.run(
            chart.templateArguments() + ["--post-renderer", Repo.postRendererPlugin],
            environment: ["PATH": home.pathDir + ":/usr/bin:/bin"])
        #expect(missing.status == 1)
        #expect(missing.stderrText.contains("the plugin has no binary"), "\(missing.stderrText)")

        try FileManager.default.createSymbolicLink(
            atPath: home.pathDir + "/kserve-canary", withDestinationPath: try ToolPaths.binary())
        let found = try home.succeed(
            chart.templateArguments() + ["--post-renderer", Repo.postRendererPlugin],
            environment: ["PATH": home.pathDir + ":/usr/bin:/bin"])
        #expect(found.stdoutText.contains("--model_name=sklearn"))
    }
}
