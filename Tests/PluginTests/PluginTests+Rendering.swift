import Foundation
import TestSupport
import Testing

/// Rendering through the installed plugins: the same objects as the direct post-render, and the
/// reasons of failures shown by both Helm majors.
extension PluginTests {
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

    @Test(arguments: zip(ChartCase.failing.map { $0.0 }, ChartCase.failing.map { $0.1 }))
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
    @Test(arguments: zip(ChartCase.failing.map { $0.0 }, ChartCase.failing.map { $0.1 }))
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
