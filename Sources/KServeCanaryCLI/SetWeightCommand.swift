import ArgumentParser
import CanaryLifecycle

/// `kserve-canary set-weight FILE --canary N`.
struct SetWeightCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-weight",
        abstract: "Give the running canary N percent of the traffic: primaryLoad: 100-N.",
        discussion: "Refused when no canary is running, except --canary 0 (primaryLoad: 100)."
    )

    @OptionGroup var target: LifecycleTargetOptions

    @Option(name: .long, help: ArgumentHelp("Percentage of the traffic for the canary, 0-100.", valueName: "N"))
    var canary: Int

    @OptionGroup var write: LifecycleWriteOptions

    func validate() throws {
        guard (0...100).contains(canary) else {
            throw ValidationError("--canary must be an integer from 0 to 100, got \(canary)")
        }
    }

    func run() throws {
        try LifecycleRunner.run(.setWeight(canary: canary), target: target, write: write)
    }
}
