import ArgumentParser

/// Options of the lifecycle commands that write.
struct LifecycleWriteOptions: ParsableArguments {
    @Flag(name: .long, help: "Print the edited file to stdout instead of writing it (the summary goes to stderr).")
    var dryRun = false
}
