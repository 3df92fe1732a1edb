import AnalysisHTTP
import ArgumentParser
import CanaryAnalysis
import CanaryLifecycle
import CanaryQueries

/// `kserve-canary analyze FILE --prometheus URL`.
struct AnalyzeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Judge the running canary against the primary with Prometheus: pass, fail or inconclusive.",
        discussion: """
            Reads FILE like `status`, queries Prometheus and prints every check's canary and primary \
            values, threshold and PromQL. Exit status: 0 pass, 2 fail, 3 inconclusive, 1 error \
            (unreadable file, Prometheus unreachable or a bad answer), 64 usage.
            """
    )

    @OptionGroup var target: LifecycleTargetOptions
    @OptionGroup var analysis: AnalysisOptions

    @Option(name: .long, help: "table or json.")
    var output: OutputFormat = .table

    func run() async throws {
        let file = target.file
        do {
            let report = try await Self.analyze(target: target, analysis: analysis, at: analysis.instant)
            try Output.out(output == .json ? AnalysisJSON.pretty(report.document) : report.table)
            if report.verdict.exitStatus != 0 { throw ExitCode(report.verdict.exitStatus) }
        } catch let error as AnalysisError {
            Output.error(error.formatted(file: file))
            throw ExitCode(1)
        }
    }

    /// Reads the file and analyzes its canary (shared with nothing else: `advance` analyzes
    /// through `Advancer`).
    static func analyze(
        target: LifecycleTargetOptions, analysis: AnalysisOptions,
        at: Instant
    ) async throws -> AnalysisReport {
        let file: EditableFile
        let values: CanaryValues
        do {
            file = try EditableFile.open(target.file)
            values = try LifecyclePlanner(selector: target.selector).read(file.source)
        } catch {
            throw AnalysisError.file(error)
        }
        let request = analysis.request(file: target.file, at: at)
        return try await HTTPSession.with(timeout: analysis.timeout) { session in
            let prometheus = try PrometheusClient(url: analysis.prometheus, session: session)
            return try await request.run(values: values, source: file.source, metrics: prometheus)
        }
    }
}
