import ArgumentParser
import Dispatch
import KServeCanaryCLI

/// The executable: all the work is in KServeCanaryCLI.
///
/// The entry point is synchronous, so that post-render (the hot path) runs on the main thread
/// without starting Swift concurrency; only the commands that are asynchronous (`flux build`, the
/// Prometheus ones) run in a task, which the main thread waits for.
@main
enum Entry {
    static func main() {
        do {
            if CommandLine.arguments.count == 1 {
                // Helm 3's post-renderer call, the hot path: no command-line parsing at all.
                try KServeCanaryCommand.postRenderWithDefaults()
                return
            }
            var command = try KServeCanaryCommand.parseAsRoot()
            if let asyncCommand = command as? any AsyncParsableCommand {
                let run = AsyncRun(asyncCommand)
                let done = DispatchSemaphore(value: 0)
                // Detached: `main` runs on the main actor, which the wait below blocks.
                Task.detached {
                    await run.start()
                    done.signal()
                }
                done.wait()
                if let error = run.error { KServeCanaryCommand.exitChecked(withError: error) }
            } else {
                try command.run()
            }
        } catch {
            KServeCanaryCommand.exitChecked(withError: error)
        }
    }
}

/// An asynchronous command and how it ended, handed to the task that runs it (the main thread
/// waits for that task, so nothing here is shared while it runs).
private final class AsyncRun: @unchecked Sendable {
    var command: any AsyncParsableCommand
    var error: (any Error)?

    init(_ command: any AsyncParsableCommand) { self.command = command }

    func start() async {
        do { try await command.run() } catch { self.error = error }
    }
}
