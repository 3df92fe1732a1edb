import FoundationEssentials
import Subprocess

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// Runs `helm`, `kubectl` or `kustomize` to completion with swift-subprocess, capturing both
/// outputs (bounded: a program that prints more than `outputLimit` bytes is an error).
public struct ExternalProgram: Sendable {
    /// What a finished program left behind.
    public struct Result: Sendable {
        /// Exit status, or 128 + signal.
        public var status: Int32
        /// Standard output.
        public var stdout: [UInt8]
        /// Standard error.
        public var stderr: [UInt8]
        /// Standard error as text, trimmed.
        public var stderrText: String {
            var text = Substring(String(decoding: stderr, as: UTF8.self))
            while let c = text.first, c.isWhitespace { text = text.dropFirst() }
            while let c = text.last, c.isWhitespace { text = text.dropLast() }
            return String(text)
        }
    }

    /// Starting or collecting the program failed.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What failed.
        public var description: String
    }

    /// The program: a path, or a name looked up on `PATH`.
    public var executable: String
    /// The most bytes collected from each output.
    public var outputLimit: Int

    /// Creates a program; `executable` without a `/` is looked up on `PATH`.
    public init(_ executable: String, outputLimit: Int = 512 << 20) {
        self.executable = executable
        self.outputLimit = outputLimit
    }

    /// Runs the program with `arguments` and no standard input.
    public func run(_ arguments: [String]) async throws(Failure) -> Result {
        let target: Executable = executable.contains("/") ? .path(FilePath(executable)) : .name(executable)
        do {
            let result = try await Subprocess.run(
                target, arguments: Arguments(arguments),
                output: .bytes(limit: outputLimit), error: .bytes(limit: outputLimit))
            let status: Int32
            switch result.terminationStatus {
            case .exited(let code): status = code
            case .signaled(let signal): status = 128 + signal
            }
            return Result(status: status, stdout: result.standardOutput, stderr: result.standardError)
        } catch {
            throw Failure(description: "cannot run \(executable): \(error)")
        }
    }

    /// The environment variable `name`, when set and not empty.
    public static func environment(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// A program given by `explicit` path or name, else the environment variable `variable`, else
    /// `name` (looked up on `PATH` when run).
    public static func locate(explicit: String?, variable: String, name: String) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        return environment(variable) ?? name
    }

    /// A new private directory under the system's temporary directory.
    public static func temporaryDirectory(prefix: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}
