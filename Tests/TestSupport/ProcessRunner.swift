import Foundation

/// Runs a program to completion with the given standard input and captures its output.
///
/// Input and output go through temporary files, so large streams never dead-lock on pipe buffers.
public enum ProcessRunner {
    /// Runs `executable` with `arguments`, feeding `stdin`, in `directory` with `environment` added.
    public static func run(
        _ executable: String,
        _ arguments: [String] = [],
        stdin: [UInt8] = [],
        environment: [String: String] = [:],
        directory: String? = nil
    ) throws -> ProcessResult {
        let tmp = FileManager.default.temporaryDirectory
            .appendingPathComponent("kc-proc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let inURL = tmp.appendingPathComponent("in")
        let outURL = tmp.appendingPathComponent("out")
        let errURL = tmp.appendingPathComponent("err")
        try Data(stdin).write(to: inURL)
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let inHandle = try FileHandle(forReadingFrom: inURL)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        process.standardInput = inHandle
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        process.waitUntilExit()
        try? inHandle.close()
        try? outHandle.close()
        try? errHandle.close()
        let status =
            process.terminationReason == .uncaughtSignal
            ? 128 + process.terminationStatus : process.terminationStatus
        return ProcessResult(
            status: status,
            stdout: [UInt8](try Data(contentsOf: outURL)),
            stderr: [UInt8](try Data(contentsOf: errURL))
        )
    }

    /// Runs a shell command line with `/bin/sh -c`.
    public static func shell(
        _ command: String, stdin: [UInt8] = [], environment: [String: String] = [:], directory: String? = nil
    ) throws -> ProcessResult {
        try run("/bin/sh", ["-c", command], stdin: stdin, environment: environment, directory: directory)
    }
}
