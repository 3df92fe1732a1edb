import ArgumentParser
import CanaryLifecycle

/// `kserve-canary status FILE [--output table|json]`.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what is running: storage URIs, traffic weights and the step of the schedule.",
        discussion: "Reads FILE like the other lifecycle commands and writes nothing."
    )

    @OptionGroup var target: LifecycleTargetOptions

    @Option(name: .long, help: "table or json.")
    var output: LifecycleOutputFormat = .table

    @Option(name: .long, help: ArgumentHelp("The step schedule the step numbers refer to.", valueName: "LIST"))
    var steps = StepSchedule.standard.description

    func validate() throws {
        do { _ = try StepSchedule(parsing: steps) } catch { throw ValidationError("--steps: \(error.message)") }
    }

    func run() throws {
        do throws(LifecycleError) {
            let file = try EditableFile.open(target.file)
            let status = try LifecyclePlanner(selector: target.selector).status(file.source, schedule: StepSchedule(parsing: steps))
            Output.out(output == .json ? status.json(file: target.file) : status.table(file: target.file))
        } catch {
            Output.error(error.formatted(file: target.file))
            throw ExitCode(1)
        }
    }
}
