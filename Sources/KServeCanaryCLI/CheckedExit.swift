import ArgumentParser

extension KServeCanaryCommand {
    /// Ends the process for `error` as `exit(withError:)` does, except that text meant for
    /// standard output (`--help`, `help`, `--version`) is written with a checked write: when
    /// standard output cannot take it (a full disk, a closed pipe) the exit status is 1 with a
    /// message on standard error, never 0.
    public static func exitChecked(withError error: any Error) -> Never {
        guard exitCode(for: error) == .success else { exit(withError: error) }
        let text = fullMessage(for: error)
        if !text.isEmpty {
            do { try Output.out(text + "\n") } catch { exit(withError: ExitCode(1)) }
        }
        exit()
    }
}
