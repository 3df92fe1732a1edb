import ArgumentParser
import CanaryRules

/// `kserve-canary lint`: the post-render rules as a CI check.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check rendered streams against the canary rules; writes no YAML.",
        discussion:
            """
            Reports every problem in every file (FILE:LINE:COL: error: ...), including files that cannot be read, \
            and exits 1 if there is any, else prints one ok line per file and exits 0.
            """
    )

    @OptionGroup var rules: RuleOptions

    @Argument(help: ArgumentHelp("Rendered YAML streams; - for stdin.", valueName: "FILE"))
    var files: [String] = ["-"]

    func run() throws {
        var failed = false
        for file in files {
            let source: Input
            do throws(InputError) { source = try Input.read(file, rendered: true) } catch {
                Output.error("kserve-canary: error: \(error)")
                failed = true
                continue
            }
            let result = CanaryPostRenderer(options: rules.canaryOptions).run(source.buffer)
            if result.diagnostics.isEmpty {
                let groups = Set(result.summary.map { "\($0.namespace)/\($0.group)" }).count
                try Output.out(
                    """
                    \(source.label): ok (\(result.documentCount) documents, \(groups) canary \
                    group\(groups == 1 ? "" : "s"))\n
                    """
                )
            } else {
                failed = true
                for d in result.diagnostics { Output.error(d.formatted(file: source.label)) }
                if result.stoppedEarly {
                    Output.error(
                        "\(source.label): stopped reading after too many errors; the rest of the file was not checked")
                }
            }
        }
        if failed { throw ExitCode(1) }
    }
}
