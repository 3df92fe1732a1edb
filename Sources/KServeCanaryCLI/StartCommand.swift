import ArgumentParser
import CanaryLifecycle

/// `kserve-canary start FILE --uri URI [--canary N]`.
struct StartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Begin a canary: newStorageUri: URI, primaryLoad: 100-N.",
        discussion:
            """
            Refused while a canary is running. Inserts newStorageUri after storageUri (quoted like it) and \
            primaryLoad at the top of the values when they are missing; every other byte of the file stays as it \
            is.
            """
    )

    @OptionGroup var target: LifecycleTargetOptions

    @Option(name: .long, help: ArgumentHelp("Storage URI of the new model.", valueName: "URI"))
    var uri: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            """
            Percentage of the traffic for the canary, 0-100 (default 0: deploy dark and let `advance` step it once \
            its readiness passes).
            """,
            valueName: "N"))
    var canary = 0

    @OptionGroup var write: LifecycleWriteOptions

    func validate() throws {
        guard (0...100).contains(canary) else {
            throw ValidationError("--canary must be an integer from 0 to 100, got \(canary)")
        }
        guard !uri.isEmpty else { throw ValidationError("--uri must not be empty") }
    }

    func run() throws {
        try LifecycleRunner.run(.start(uri: uri, canary: canary), target: target, write: write)
    }
}
