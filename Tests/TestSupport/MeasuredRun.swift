import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A finished child process and the most memory it held.
public struct MeasuredResult: Sendable {
    /// What it left behind.
    public var result: ProcessResult
    /// Its peak resident set size in bytes (`getrusage`'s `ru_maxrss` of this child alone), or nil
    /// where it cannot be measured.
    public var peakResidentBytes: Int?
}

extension ProcessRunner {
    /// Runs `executable` like `run(_:_:stdin:)` and measures its peak memory: spawned with
    /// `posix_spawn` and reaped with `wait4`, whose resource usage belongs to this one child (unlike
    /// `RUSAGE_CHILDREN`, which the tests' other children share). Elsewhere than Linux the memory
    /// is not measured.
    public static func runMeasuringMemory(_ executable: String, _ arguments: [String] = [],
                                          stdin: [UInt8] = []) throws -> MeasuredResult {
        #if os(Linux)
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("kc-measured-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let paths = ["in", "out", "err"].map { tmp.appendingPathComponent($0).path }
        try Data(stdin).write(to: URL(fileURLWithPath: paths[0]))
        let fds = [open(paths[0], O_RDONLY | O_CLOEXEC),
                   open(paths[1], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600),
                   open(paths[2], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)]
        defer { for fd in fds where fd >= 0 { close(fd) } }
        guard fds.allSatisfy({ $0 >= 0 }) else { throw TestFailure("cannot open \(tmp.path): errno \(errno)") }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (fd, target) in zip(fds, [0, 1, 2] as [Int32]) { posix_spawn_file_actions_adddup2(&actions, fd, target) }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for arg in argv { free(arg) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw TestFailure("cannot start \(executable): error \(spawned)") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw TestFailure("wait4 failed: errno \(errno)") }
        }
        let signal = status & 0x7F
        let exit = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
        let result = ProcessResult(status: exit, stdout: [UInt8](try Data(contentsOf: URL(fileURLWithPath: paths[1]))),
                                   stderr: [UInt8](try Data(contentsOf: URL(fileURLWithPath: paths[2]))))
        return MeasuredResult(result: result, peakResidentBytes: Int(usage.ru_maxrss) * 1024)
        #else
        return MeasuredResult(result: try run(executable, arguments, stdin: stdin), peakResidentBytes: nil)
        #endif
    }
}
