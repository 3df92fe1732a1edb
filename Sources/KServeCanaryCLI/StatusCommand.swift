import ArgumentParser
import CanaryLifecycle
import YAMLSource
import YAMLStream

/// `kserve-canary status FILE [--output table|json]`.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what is running: storage URIs, traffic weights and the step of the schedule.",
        discussion:
            """
            Reads FILE (- for stdin) like the other lifecycle commands and writes nothing. \
            Values are read as Helm reads them: primaryLoad 060 is 48, null or absent is 100; \
            a primaryLoad kserve-general's schema refuses (a string) is an error.
            """
    )

    @OptionGroup var target: LifecycleTargetOptions

    @Option(name: .long, help: "table or json.")
    var output: OutputFormat = .table

    @Option(name: .long, help: ArgumentHelp("The step schedule the step numbers refer to.", valueName: "LIST"))
    var steps = StepSchedule.standard.description

    func validate() throws {
        do { _ = try StepSchedule(parsing: steps) } catch { throw ValidationError("--steps: \(error.message)") }
    }

    func run() throws {
        let label = target.file == "-" ? "<stdin>" : target.file
        let status: CanaryStatus
        do throws(LifecycleError) {
            let source: SourceBuffer
            if target.file == "-" {
                do { source = try SourceBuffer.read(fileDescriptor: 0) } catch {
                    throw LifecycleError(.io, "cannot read <stdin>: \(error)")
                }
            } else {
                source = try EditableFile.open(target.file).source
            }
            status = try LifecyclePlanner(selector: target.selector).status(
                source, schedule: StepSchedule(parsing: steps))
        } catch {
            Output.error(error.formatted(file: label))
            throw ExitCode(1)
        }
        try Output.out(
            output == .json ? Output.json(status.report(file: label)) : StatusTable.render(status, file: label))
    }
}

/// `status` as aligned lines for people.
enum StatusTable {
    static func render(_ status: CanaryStatus, file: String) -> String {
        let state = status.state
        let location =
            (status.release.map { "document \(status.documentNumber) (\($0.subject))" }
                ?? "document \(status.documentNumber)")
            + ", " + ValuesSelector.describe(status.valuesPath)
        var rows: [[String]] = [["FILE", file], ["VALUES", location]]
        rows.append(["STATE", state.isRunning ? "canary running" : "no canary"])
        rows.append(["PRIMARY", "\(state.primaryWeight)%  \(state.storageUri ?? "(no storageUri)")"])
        rows.append(["CANARY", state.isRunning ? "\(state.canaryWeight)%  \(state.newStorageUri!)" : "-"])
        rows.append(["PRIMARYLOAD", state.primaryLoad.map(String.init) ?? "not set (default 100)"])
        if state.isRunning {
            let at =
                status.step.map { "step \($0)/\(status.schedule.percentages.count)" }
                ?? "\(state.canaryWeight)% is not a step"
            let next = status.nextStep.map { "next step: \($0)%" } ?? "next step promotes"
            rows.append(["STEP", "\(at) of \(status.schedule); \(next)"])
        } else {
            rows.append(["STEP", "-"])
        }
        for note in status.notes { rows.append(["NOTE", note]) }
        return TerminalText.table(rows)
    }
}
