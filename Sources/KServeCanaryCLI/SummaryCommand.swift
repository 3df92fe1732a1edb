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
    var output: OutputFormat = .table

    @Argument(help: ArgumentHelp("Rendered YAML stream; - for stdin.", valueName: "FILE"))
    var file: String = "-"

    func run() throws {
        let source = try Input.load(file, rendered: true)
        let result = CanaryPostRenderer(options: rules.canaryOptions).run(source.buffer)
        guard result.diagnostics.isEmpty else {
            Reporter.report(result.diagnostics, file: source.label, stoppedEarly: result.stoppedEarly)
            throw ExitCode(1)
        }
        try Output.out(output == .json ? Output.json(result.summary) : SummaryTable.render(result.summary))
    }
}

/// Variant summaries as an aligned text table.
enum SummaryTable {
    static func render(_ rows: [VariantSummary]) -> String {
        if rows.isEmpty { return "no canary groups found\n" }
        var table = [["NAMESPACE", "RELEASE", "VARIANT", "MODEL", "STORAGE URI", "WEIGHT", "HOSTS"]]
        for r in rows {
            table.append([
                r.namespace, r.release, r.variant.rawValue, r.modelName, r.storageUri,
                r.weight.map { "\($0)%" } ?? "-", r.hosts.isEmpty ? "-" : r.hosts.joined(separator: ","),
            ])
        }
        return TerminalText.table(table)
    }
}
