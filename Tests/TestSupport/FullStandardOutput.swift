extension ProcessRunner {
    /// Runs `executable` with its standard output on `/dev/full`, where every write fails with
    /// ENOSPC (a full disk); standard error is captured as usual, standard output stays empty.
    public static func runWithFullStandardOutput(
        _ executable: String, _ arguments: [String] = [], stdin: [UInt8] = [],
        environment: [String: String] = [:], directory: String? = nil
    ) throws -> ProcessResult {
        try run(
            "/bin/sh", ["-c", "exec \"$0\" \"$@\" > /dev/full", executable] + arguments,
            stdin: stdin, environment: environment, directory: directory)
    }
}
