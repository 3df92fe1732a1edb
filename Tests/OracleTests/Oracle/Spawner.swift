import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program with stdin/stdout/stderr redirected to files, via posix_spawn: thousands of
/// short runs cost little more than the programs themselves (no Foundation.Process, no pipes).
enum Spawner {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// What a run left behind.
    struct Result: Sendable {
        var status: Int32
        var stdout: [UInt8]
        var stderr: [UInt8]
        var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// Runs `path` with `arguments`, feeding `input`; `scratch` is a file prefix private to the caller.
    /// A run over `timeout` seconds is killed and reported as status 137.
    static func run(
        _ path: String, _ arguments: [String], input: [UInt8], scratch: String,
        timeout: Double = 60
    ) throws -> Result {
        let inPath = scratch + ".in"
        let outPath = scratch + ".out"
        let errPath = scratch + ".err"
        guard FileManager.default.createFile(atPath: inPath, contents: Data(input)) else {
            throw Failure(description: "cannot write \(inPath)")
        }
        defer {
            unlink(inPath)
            unlink(outPath)
            unlink(errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, nil, argv, Environment.shared.pointers)
        guard rc == 0 else { throw Failure(description: "cannot run \(path): \(String(cString: strerror(rc)))") }

        // Wait without polling; a watchdog kills a run that hangs (the flag guards against pid reuse).
        let finished = Flag()
        let child = pid
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
            if finished.claim() { kill(child, SIGKILL) }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw Failure(description: "waitpid: \(String(cString: strerror(errno)))") }
        }
        if !finished.claim() {
            return Result(status: 137, stdout: [], stderr: Array("killed after \(timeout) s\n".utf8))
        }
        let exit: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Result(status: exit, stdout: read(outPath), stderr: read(errPath))
    }

    /// Set once, by whichever of the waiter and the watchdog comes first.
    private final class Flag: @unchecked Sendable {
        private var set = false
        private let lock = NSLock()

        /// Sets the flag; true when this call was the first.
        func claim() -> Bool {
            lock.lock()
            defer { lock.unlock() }
            if set { return false }
            set = true
            return true
        }
    }

    /// The test process's environment as a C array, built once.
    private final class Environment: @unchecked Sendable {
        static let shared = Environment()
        let pointers: [UnsafeMutablePointer<CChar>?]
        private init() {
            pointers = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        }
    }

    private static func read(_ path: String) -> [UInt8] {
        (FileManager.default.contents(atPath: path)).map { [UInt8]($0) } ?? []
    }
}
