import ArgumentParser
import CanaryLifecycle

/// `kserve-canary step FILE [--steps 10,25,50,100]`.
struct StepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "step",
        abstract: "Move the running canary to the next step of the schedule; the step after the last promotes.",
        discussion:
            """
            The canary's weight is 100 - primaryLoad; the next step is the first one above it. \
            At (or beyond) the last step, step promotes like `promote`. Refused when no canary is running.
            """
    )

    @OptionGroup var target: LifecycleTargetOptions

    @Option(name: .long, help: ArgumentHelp("Canary percentages, strictly increasing, each 1-100.", valueName: "LIST"))
    var steps = StepSchedule.standard.description

    @OptionGroup var write: LifecycleWriteOptions

    func validate() throws {
        do { _ = try StepSchedule(parsing: steps) } catch { throw ValidationError("--steps: \(error.message)") }
    }

    func run() throws {
        let schedule = try! StepSchedule(parsing: steps)
        try LifecycleRunner.run(.step(schedule), target: target, write: write)
    }
}
