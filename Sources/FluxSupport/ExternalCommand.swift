import FoundationEssentials

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to completion, feeding standard input and capturing both outputs through
/// temporary files (so large streams cannot dead-lock on pipe buffers).
///
/// Uses `posix_spawn` directly: the full Foundation (and its ICU data) would add several MiB to
/// every `kserve-canary` start, including plain post-renders.
public struct ExternalCommand: Sendable {
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

    /// Starting the program failed.
    public struct SpawnError: Error, CustomStringConvertible {
        /// What failed.
        public var description: String
    }

    /// The executable's path.
    public var executable: String

    /// Creates a command for `executable`.
    public init(_ executable: String) { self.executable = executable }

    /// Runs the program with `arguments`.
    /// - Throws: when the program cannot be started.
    public func run(_ arguments: [String], stdin: [UInt8] = [], directory: String? = nil) throws -> Result {
        let scratch = try Self.temporaryDirectory(prefix: "kc-run")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let inPath = scratch + "/in", outPath = scratch + "/out", errPath = scratch + "/err"
        try Data(stdin).write(to: URL(fileURLWithPath: inPath))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // A working directory goes through env(1) --chdir: posix_spawn has no portable chdir action.
        let program = directory == nil ? executable : "/usr/bin/env"
        let words = directory.map { ["/usr/bin/env", "--chdir=" + $0, executable] } ?? [executable]
        let argv = (words + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid = pid_t()
        let rc = argv.withUnsafeBufferPointer { args in
            posix_spawn(&pid, program, &actions, nil, UnsafeMutablePointer(mutating: args.baseAddress!), environ)
        }
        guard rc == 0 else {
            throw SpawnError(description: "cannot run \(executable): \(String(cString: strerror(rc)))")
        }
        var wstatus: Int32 = 0
        while waitpid(pid, &wstatus, 0) < 0 {
            guard errno == EINTR else { throw SpawnError(description: "waiting for \(executable) failed") }
        }
        let low = wstatus & 0x7F
        let status = low == 0 ? (wstatus >> 8) & 0xFF : 128 + low
        return Result(status: status,
                      stdout: [UInt8](try Data(contentsOf: URL(fileURLWithPath: outPath))),
                      stderr: [UInt8](try Data(contentsOf: URL(fileURLWithPath: errPath))))
    }

    /// The first executable called `name` on `PATH`.
    public static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = String(dir) + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The environment variable `name`, when set and not empty.
    public static func environment(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// A program given by `explicit` path, else the environment variable `variable`, else `name` on `PATH`.
    public static func locate(explicit: String?, variable: String, name: String) -> String? {
        if let explicit, !explicit.isEmpty { return explicit }
        if let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty { return value }
        return which(name)
    }

    /// A new private directory under the system's temporary directory.
    public static func temporaryDirectory(prefix: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}
