import Foundation

/// A finished child process and the most memory it held.
public struct MeasuredResult: Sendable {
    /// What it left behind.
    public var result: ProcessResult
    /// Its peak resident set size in bytes.
    public var peakResidentBytes: Int
}

extension ProcessRunner {
    /// Runs `executable` like `run(_:_:stdin:)` and measures its peak memory.
    ///
    /// The measurement goes through a small python3 parent that starts the program and reads its
    /// `RUSAGE_CHILDREN` peak: a process spawned straight from the test runner would inherit the
    /// runner's own high-water mark (`posix_spawn` and `fork` start the child in, or as a copy of,
    /// the parent's address space, and Linux keeps that peak across `exec`).
    public static func runMeasuringMemory(
        _ executable: String, _ arguments: [String] = [],
        stdin: [UInt8] = []
    ) throws -> MeasuredResult {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("kc-maxrss-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: report) }
        let script = """
            import resource, subprocess, sys
            code = subprocess.call(sys.argv[2:])
            with open(sys.argv[1], "w") as out:
                out.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
            sys.exit(code if code >= 0 else 128 - code)
            """
        let result = try run(
            try ManifestValidation.python3(), ["-c", script, report.path, executable] + arguments,
            stdin: stdin)
        guard let text = try? String(contentsOf: report, encoding: .utf8), let kib = Int(text) else {
            throw TestFailure("no memory measurement for \(executable): \(result.stderrText)")
        }
        // ru_maxrss is in KiB on Linux, in bytes on macOS.
        #if os(Linux)
            return MeasuredResult(result: result, peakResidentBytes: kib * 1024)
        #else
            return MeasuredResult(result: result, peakResidentBytes: kib)
        #endif
    }
}
