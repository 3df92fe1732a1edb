import ArgumentParser
import CanaryLifecycle

/// `kserve-canary rollback FILE`.
struct RollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Drop the canary: newStorageUri is removed, primaryLoad: 100.",
        discussion: "Refused when no canary is running."
    )

    @OptionGroup var target: LifecycleTargetOptions
    @OptionGroup var write: LifecycleWriteOptions

    func run() throws {
        try LifecycleRunner.run(.rollback, target: target, write: write)
    }
}
