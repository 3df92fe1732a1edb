import ArgumentParser

/// The `kserve-canary` command: a Helm post-renderer for KServe model canaries.
@available(macOS 10.15, macCatalyst 13, iOS 13, tvOS 13, watchOS 6, *)
public struct KServeCanaryCommand: AsyncParsableCommand {
    /// The tool's version (written here only; plugin.yaml files are checked against it by the tests).
    public static let version = "0.5.0"

    /// Command description and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "kserve-canary",
        abstract: "Model canaries for KServe Standard (formerly RawDeployment) mode: a Helm post-renderer, "
            + "linter and GitOps helper.",
        discussion: """
            With no arguments, reads a rendered kserve-general stream on stdin and writes the \
            post-rendered stream to stdout (how Helm 3 runs a post-renderer).
            """,
        version: version,
        subcommands: [
            PostRenderCommand.self, LintCommand.self, SummaryCommand.self,
            StartCommand.self, SetWeightCommand.self, StepCommand.self, PromoteCommand.self,
            RollbackCommand.self, StatusCommand.self, AnalyzeCommand.self, AdvanceCommand.self,
            DashboardCommand.self, FluxCommand.self,
        ],
        defaultSubcommand: PostRenderCommand.self
    )

    /// Creates the command.
    public init() {}

    /// Post-render from stdin to stdout with the default options: what `kserve-canary` with no
    /// arguments does (how Helm 3 runs a post-renderer), without the command-line parser's
    /// start-up work. Throws what the command would (`ExitCode(1)` after reporting problems).
    public static func postRenderWithDefaults() throws {
        try PostRenderCommand.postRender(input: "-", options: RuleOptions.defaults, summary: false)
    }
}
