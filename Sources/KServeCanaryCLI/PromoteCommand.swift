import ArgumentParser
import CanaryLifecycle

/// `kserve-canary promote FILE`.
struct PromoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract:
            """
            Make the canary the primary: storageUri takes newStorageUri's value, newStorageUri is removed, \
            primaryLoad: 100.
            """,
        discussion: "Refused when no canary is running."
    )

    @OptionGroup var target: LifecycleTargetOptions
    @OptionGroup var write: LifecycleWriteOptions

    func run() throws {
        try LifecycleRunner.run(.promote, target: target, write: write)
    }
}
