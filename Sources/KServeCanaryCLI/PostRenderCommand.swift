import ArgumentParser
import CanaryGroups
import CanaryRules

/// `kserve-canary post-render`: stdin to stdout, the Helm post-renderer contract.
struct PostRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "post-render",
        abstract: "Post-render a kserve-general stream: stdin to stdout (the default command).",
        discussion: """
            Applies the canary rules to every canary group (HelmReleases <name>-primary and \
            <name>-canary plus the VirtualService routing to their predictors), reading the stream \
            as kubectl does: one trailing --model_name=<name> in both, canary storageUri := \
            newStorageUri, newStorageUri removed, weights checked or rewritten. Every other byte \
            passes through unchanged, and every edited document is read back before anything is \
            written. On any problem nothing is written to stdout, each problem is reported on \
            stderr as FILE:LINE:COL: error: document N (Kind/name): ..., and the exit status is 1.
            """
    )

    @OptionGroup var rules: RuleOptions

    @Option(name: .long, help: ArgumentHelp("Read this file instead of stdin.", valueName: "FILE"))
    var input: String = "-"

    @Flag(name: .long, help: "Also print a per-variant summary (model, storage URI, weight, hosts) to stderr.")
    var summary = false

    func run() throws {
        try Self.postRender(input: input, options: rules.canaryOptions, summary: summary)
    }

    /// Post-renders `input` (`-`: stdin) to stdout; problems go to stderr and exit 1.
    static func postRender(input: String, options: CanaryOptions, summary: Bool) throws {
        let source = try Input.load(input, rendered: true)
        let result = CanaryPostRenderer(options: options).run(source.buffer)
        guard result.diagnostics.isEmpty else {
            Reporter.report(result.diagnostics, file: source.label, stoppedEarly: result.stoppedEarly)
            throw ExitCode(1)
        }
        try Output.out(result.edits, source: source.buffer)
        if summary { Output.error(SummaryTable.render(result.summary)) }
        UntilExit.keep((source, result))
    }
}

/// What a command leaves for the process's exit to free: a post-render of thousands of releases
/// holds some hundred thousand objects, and releasing them one by one costs more than the exit
/// that follows (the command is the last thing the process does).
enum UntilExit {
    private nonisolated(unsafe) static var kept: [Any] = []

    /// Keeps `value` alive until the process exits.
    static func keep(_ value: Any) { kept.append(value) }
}
