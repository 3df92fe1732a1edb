import ArgumentParser
import CanaryRules

/// `kserve-canary lint`: the post-render rules as a CI check.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check rendered streams against the canary rules; writes no YAML.",
        discussion: "Reports every problem in every file (FILE:LINE:COL: error: ...) and exits 1 if there is any, else prints one ok line per file and exits 0."
    )

    @OptionGroup var rules: RuleOptions

    @Argument(help: ArgumentHelp("Rendered YAML streams; - for stdin.", valueName: "FILE"))
    var files: [String] = ["-"]

    func run() throws {
        var failed = false
        for file in files {
            let source = try Loader.load(file)
            let result = CanaryPostRenderer(options: rules.canaryOptions).run(source.buffer)
            if result.diagnostics.isEmpty {
                let groups = Set(result.summary.map { "\($0.namespace)/\($0.group)" }).count
                Output.out("\(source.label): ok (\(result.documentCount) documents, \(groups) canary group\(groups == 1 ? "" : "s"))\n")
            } else {
                failed = true
                for d in result.diagnostics { Output.error(d.formatted(file: source.label)) }
            }
        }
        if failed { throw ExitCode(1) }
    }
}
