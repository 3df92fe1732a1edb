import ArgumentParser
import CanaryRules

/// `kserve-canary summary`: what each variant will serve after post-rendering.
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Print, per variant, the model name, storage URI, traffic weight and hosts after post-rendering."
    )

    @OptionGroup var rules: RuleOptions

    @Option(name: .long, help: "table or json.")
    var output: SummaryFormat = .table

    @Argument(help: ArgumentHelp("Rendered YAML stream; - for stdin.", valueName: "FILE"))
    var file: String = "-"

    func run() throws {
        let source = try Loader.load(file)
        let result = CanaryPostRenderer(options: rules.canaryOptions).run(source.buffer)
        guard result.diagnostics.isEmpty else {
            Reporter.report(result.diagnostics, file: source.label)
            throw ExitCode(1)
        }
        Output.out(output == .json ? SummaryTable.json(result.summary) : SummaryTable.render(result.summary))
    }
}

/// `--output` of `summary`.
enum SummaryFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
}
