import AnalysisHTTP
import ArgumentParser
import CanaryAdvance
import CanaryAnalysis
import CanaryLifecycle
import CanaryQueries

/// `kserve-canary advance FILE --prometheus URL`.
struct AdvanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advance",
        abstract: "Analyze, then step, hold, count a failure or roll back, by editing FILE.",
        discussion: """
            pass: the next step of --steps (the step after the last promotes), unless the last step is \
            younger than --min-step-interval or --gate does not answer 2xx. fail: one more failure; at \
            --max-failures, rollback. inconclusive: nothing changes. The failure count and the time of \
            the last step are kept in FILE (HelmRelease annotations kserve-canary.io/*, or the values key \
            canaryAnalysis). One line per decision on stdout; exit 0 whatever the verdict, 1 on errors.
            """
    )

    @OptionGroup var target: LifecycleTargetOptions
    @OptionGroup var analysis: AnalysisOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Canary percentages, strictly increasing, each 1-100; the step after the last promotes.", valueName: "LIST")
    )
    var steps = AdvanceSettings.standardSchedule.description

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Roll back after this many failed analyses of the canary.", valueName: "N"))
    var maxFailures = 3

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Hold a step until the previous one is this old (a Prometheus duration; 0s to never hold).",
            valueName: "DURATION"))
    var minStepInterval = "10m"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "POST a JSON payload here before traffic increases; only a 2xx answer lets the step happen.",
            valueName: "URL"))
    var gate: String?

    @Flag(name: .long, help: "Decide and print, but do not write FILE.")
    var dryRun = false

    @Option(name: .long, help: "text (one line) or json (one object on one line).")
    var output: AdvanceOutputFormat = .text

    func validate() throws {
        do { _ = try StepSchedule(parsing: steps) } catch { throw ValidationError("--steps: \(error.message)") }
        guard maxFailures >= 1 else { throw ValidationError("--max-failures must be at least 1") }
        guard PromDuration(minStepInterval, allowZero: true) != nil else {
            throw ValidationError(
                "--min-step-interval must be a Prometheus duration like 10m, got `\(minStepInterval)`")
        }
        if let gate, !(gate.hasPrefix("http://") || gate.hasPrefix("https://")) {
            throw ValidationError(AnalysisError.invalidURL(option: "--gate", url: gate).description)
        }
    }

    func run() async throws {
        let path = target.file
        // validate() has parsed both.
        let settings = AdvanceSettings(
            schedule: try! StepSchedule(parsing: steps), maxFailures: maxFailures,
            minStepInterval: PromDuration(minStepInterval, allowZero: true)!.seconds)
        let now = analysis.instant
        let request = analysis.request(file: path, at: now)
        do {
            let file: EditableFile
            do { file = try EditableFile.open(path) } catch { throw AnalysisError.file(error) }
            let outcome = try await HTTPSession.with(timeout: analysis.timeout) { session in
                let prometheus = try PrometheusClient(url: analysis.prometheus, session: session)
                let gateClient = try gate.map { url throws(AnalysisError) in
                    try GateClient(url: url, session: session)
                }
                return try await Advancer(selector: target.selector, settings: settings).advance(
                    source: file.source, at: now, gate: gateClient
                ) { values throws(AnalysisError) in
                    try await request.run(values: values, source: file.source, metrics: prometheus)
                }
            }
            if !dryRun && !outcome.edits.isEmpty {
                do { try file.replace(applying: outcome.edits) } catch { throw AnalysisError.file(error) }
            }
            switch output {
            case .text:
                let note = dryRun && !outcome.edits.isEmpty ? " (dry run; the file was not written)" : ""
                try Output.out("\(path): \(outcome.summary)\(note)\n")
            case .json:
                let document = outcome.document(file: path, dryRun: dryRun, maxFailures: maxFailures)
                try Output.out(AnalysisJSON.compact(document) + "\n")
            }
        } catch let error as AnalysisError {
            Output.error(error.formatted(file: path) + "\nkserve-canary: advance stopped; \(path) was not changed")
            throw ExitCode(1)
        }
    }
}

/// `--output` of `advance`.
enum AdvanceOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}
