import Foundation
import TestSupport

/// Runs cases through the binary (two passes) and kubectl, in parallel, and judges each.
struct OracleRun: Sendable {
    let binary: String
    let reader: KubectlReader
    let scratch: String
    let workers: Int

    init(workers: Int = max(2, ProcessInfo.processInfo.activeProcessorCount)) throws {
        binary = try ToolPaths.binary()
        scratch =
            FileManager.default.temporaryDirectory.appendingPathComponent("kserve-canary-oracle-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        reader = KubectlReader(kubectl: try ToolPaths.kubectl(), scratch: scratch)
        self.workers = workers
    }

    /// Removes the scratch directory.
    func cleanUp() { try? FileManager.default.removeItem(atPath: scratch) }

    /// Seconds spent per phase by the last `judge` call of this run (for the report).
    let timings = Timings()

    /// Judges every case; verdicts are in the cases' order.
    func judge(_ cases: [OracleCase]) throws -> [Verdict] {
        var clock = Date()
        func lap(_ phase: String) {
            timings.add(phase, Date().timeIntervalSince(clock))
            clock = Date()
        }
        let inputs = try reader.read(cases.map(\.stream), parallel: workers)
        lap("kubectl reads inputs")
        let runs = try runBinary(cases)
        lap("binary, two passes")
        var outputIndex: [Int: Int] = [:]
        var outputs: [[UInt8]] = []
        for (i, run) in runs.enumerated() where run.first.status == 0 {
            outputIndex[i] = outputs.count
            outputs.append(run.first.stdout)
        }
        let readings = try reader.read(outputs, parallel: workers)
        lap("kubectl reads outputs")
        defer { lap("judging") }
        let outputAt = outputIndex
        return try parallelMap(cases.indices) { i in
            Judge.judge(cases[i], input: inputs[i], runs: runs[i], output: outputAt[i].map { readings[$0] })
        }
    }

    /// Both passes of the binary over every case, `workers` processes at a time.
    func runBinary(_ cases: [OracleCase]) throws -> [Judge.Runs] {
        let box = ResultBox<Judge.Runs>(count: cases.count)
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            while let i = next.take(below: cases.count) {
                box.set(
                    i,
                    Result {
                        let c = cases[i]
                        let first = try Spawner.run(binary, c.arguments, input: c.stream, scratch: "\(scratch)/w\(w)")
                        guard first.status == 0 else { return Judge.Runs(first: first, second: nil) }
                        let second = try Spawner.run(
                            binary, c.arguments, input: first.stdout, scratch: "\(scratch)/w\(w)")
                        return Judge.Runs(first: first, second: second)
                    })
            }
        }
        return try box.values().map { try $0.get() }
    }

    /// Judges one case on its own (regressions, minimisation).
    func judge(_ c: OracleCase) throws -> Verdict {
        try judge([c])[0]
    }
}

/// `transform` over `items` on every core, results in order.
func parallelMap<C: Collection, T>(_ items: C, _ transform: @Sendable (C.Element) throws -> T) throws -> [T]
where C.Index == Int, C: Sendable {
    let box = ResultBox<T>(count: items.count)
    let start = items.startIndex
    DispatchQueue.concurrentPerform(iterations: items.count) { i in
        box.set(i, Result { try transform(items[start + i]) })
    }
    return try box.values().map { try $0.get() }
}

/// Seconds per phase, accumulated.
final class Timings: @unchecked Sendable {
    private var seconds: [(String, Double)] = []
    private let lock = NSLock()

    func add(_ phase: String, _ s: Double) {
        lock.lock()
        defer { lock.unlock() }
        if let i = seconds.firstIndex(where: { $0.0 == phase }) {
            seconds[i].1 += s
        } else {
            seconds.append((phase, s))
        }
    }

    var summary: String {
        lock.lock()
        defer { lock.unlock() }
        return seconds.map { "\($0.0) \(String(format: "%.1f", $0.1)) s" }.joined(separator: ", ")
    }
}

/// A shared work counter for the worker threads.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func take(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}
