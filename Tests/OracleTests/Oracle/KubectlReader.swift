import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads streams the way the API server's client does: `kubectl label --local -f DIR -o json`.
///
/// Many streams go through one call: each stream is a file of a directory, followed by a file
/// holding one separator ConfigMap. kubectl reads the files in name order, prints every object
/// (a `kind: List` as its items), continues past a file it cannot read and names that file on
/// stderr. A batch whose output cannot be attributed is read again one stream at a time.
struct KubectlReader: Sendable {
    /// The label every object gets (kubectl needs a change to print objects).
    static let label = "kserve-canary.io/oracle=1"
    static let separatorPrefix = "kserve-canary-oracle-separator-"

    let kubectl: String
    /// A directory private to this reader.
    let scratch: String

    /// What kubectl read of one stream: its objects in order, or why it could not read them.
    enum Reading: Sendable {
        case objects([JSONValue])
        case unreadable(String)
    }

    /// Reads every stream, `parallel` kubectl calls at a time.
    func read(_ streams: [[UInt8]], parallel: Int = 2) throws -> [Reading] {
        let batches = max(1, min(parallel, streams.count))
        let size = (streams.count + batches - 1) / max(batches, 1)
        let box = ResultBox<[Reading]>(count: batches)
        DispatchQueue.concurrentPerform(iterations: batches) { b in
            let range = (b * size)..<min(streams.count, (b + 1) * size)
            box.set(b, Result { try readBatch(Array(streams[range]), tag: "b\(b)") })
        }
        return try box.values().flatMap { try $0.get() }
    }

    /// One kubectl call for a whole batch (falls back to one call per stream when needed).
    private func readBatch(_ streams: [[UInt8]], tag: String) throws -> [Reading] {
        if streams.isEmpty { return [] }
        let dir = "\(scratch)/\(tag)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (i, stream) in streams.enumerated() {
            let name = String(format: "s%07d", i)
            try Data(stream).write(to: URL(fileURLWithPath: "\(dir)/\(name).yaml"))
            let separator = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \(Self.separatorPrefix)\(i)\n"
            try Data(separator.utf8).write(to: URL(fileURLWithPath: "\(dir)/\(name)z.yaml"))
        }
        let run = try Spawner.run(
            kubectl, ["label", "--local", "-f", dir, "-o", "json", Self.label],
            input: [], scratch: "\(dir).kubectl")
        var failures: [Int: String] = [:]
        var unattributed = false
        for line in run.stderrText.split(separator: "\n") where !line.isEmpty {
            if let range = line.range(of: #"/s[0-9]{7}\.yaml"#, options: .regularExpression),
                let i = Int(line[range].dropFirst(2).dropLast(5))
            {
                failures[i] = failures[i] ?? String(line).replacingOccurrences(of: dir + "/", with: "")
            } else {
                unattributed = true
            }
        }
        guard let objects = try? Self.objects(run.stdout), !unattributed || streams.count == 1 else {
            return try streams.map { try readOne($0) }
        }
        var readings: [Reading] = []
        var current: [JSONValue] = []
        for object in objects {
            if let name = object.at(["metadata", "name"])?.string, name.hasPrefix(Self.separatorPrefix),
                object["kind"]?.string == "ConfigMap", Int(name.dropFirst(Self.separatorPrefix.count)) == readings.count
            {
                readings.append(failures[readings.count].map { .unreadable($0) } ?? .objects(current))
                current = []
            } else {
                current.append(object)
            }
        }
        guard readings.count == streams.count else { return try streams.map { try readOne($0) } }
        return readings
    }

    /// One stream on stdin.
    func readOne(_ stream: [UInt8]) throws -> Reading {
        let run = try Spawner.run(
            kubectl, ["label", "--local", "-f", "-", "-o", "json", Self.label], input: stream,
            scratch: "\(scratch)/one-\(UUID().uuidString)")
        if run.status != 0 || !run.stderr.isEmpty {
            return .unreadable(run.stderrText.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return .objects(try Self.objects(run.stdout))
    }

    /// kubectl prints one indented JSON object after another: each ends with `}` alone on a line
    /// and the next starts with `{` (strings hold no raw line breaks), so they are joined into one array.
    static func objects(_ output: [UInt8]) throws -> [JSONValue] {
        var joined: [UInt8] = [UInt8(ascii: "[")]
        joined.reserveCapacity(output.count + output.count / 256 + 2)
        output.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return }
            var start = 0
            var from = 0
            while from < buf.count, let hit = memchr(base + from, Int32(UInt8(ascii: "}")), buf.count - from) {
                let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                from = i + 1
                guard i > 0, base[i - 1] == 0x0A, i + 2 < buf.count, base[i + 1] == 0x0A,
                    base[i + 2] == UInt8(ascii: "{")
                else { continue }
                joined.append(contentsOf: UnsafeBufferPointer(start: base + start, count: i + 1 - start))
                joined.append(UInt8(ascii: ","))
                start = i + 1
            }
            joined.append(contentsOf: UnsafeBufferPointer(start: base + start, count: buf.count - start))
        }
        joined.append(UInt8(ascii: "]"))
        return try JSONValue.parse(Data(joined)).array ?? []
    }
}

/// Results written by concurrent workers, read once they are all done.
final class ResultBox<T>: @unchecked Sendable {
    private var slots: [Result<T, Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Result<T, Error>) {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = value
    }

    func values() -> [Result<T, Error>] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0 ?? .failure(Spawner.Failure(description: "worker did not finish")) }
    }
}
