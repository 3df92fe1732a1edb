import Foundation
import SchemaValidation
import YAMLSource
import YAMLStream
import YAMLValues

/// Strict validation of rendered streams for the tests, in two parts that do not overlap:
/// - every custom resource against its CRD's `openAPIV3Schema` with kserve-canary's own validator
///   (`OpenAPISchemaValidator`, what `kserve-canary flux build --crds` runs);
/// - everything that validator does not check with the test-only helper
///   `Tests/Validation/kubernetes-checks.py`: built-in kinds, prometheus-operator kinds, ObjectMeta,
///   CEL rules, duplicate keys, kinds without any schema.
///
/// The result reads like one validator's: one line per problem on standard output,
/// `<label>: document N (Kind/name): $.path: message`, ordered by document, and status 1 when there
/// is any (0 otherwise).
public enum ManifestValidation {
    /// Validates a stream (`label` names it in the messages; `-` is `<stdin>`).
    /// - Parameter crds: the upstream CRDs (default `ToolPaths.crds()`).
    /// - Throws: when the helper cannot run (usage error, missing dependency).
    public static func validate(_ stream: [UInt8], label: String = "-", crds: String? = nil) throws -> ProcessResult {
        try validate(stream, label: label, file: nil, crds: crds)
    }

    /// Validates the stream in `file` (named by its path in the messages).
    public static func validate(file: String, crds: String? = nil) throws -> ProcessResult {
        try validate([UInt8](try Data(contentsOf: URL(fileURLWithPath: file))), label: file, file: file, crds: crds)
    }

    /// The problems kserve-canary's validator finds in `stream`, by document number.
    public static func crdProblems(_ stream: [UInt8], label: String = "-", crds: String) throws
        -> [(document: Int, line: String)]
    {
        let store = try schemas(crds)
        let name = label == "-" ? "<stdin>" : label
        var problems: [(document: Int, line: String)] = []
        _ = YAMLStreamParser(maxScalarLength: Int(Int32.max)).parse(SourceBuffer(bytes: stream)) { doc in
            guard let object = try? YAMLValueReader.value(of: doc), object.map != nil,
                let apiVersion = object["apiVersion"]?.string, let kind = object["kind"]?.string,
                let schema = store.schema(apiVersion: apiVersion, kind: kind)
            else { return }
            let subject = "\(kind)/\(object.value(at: ["metadata", "name"])?.string ?? "?")"
            for problem in OpenAPISchemaValidator().problems(object, schema: schema) {
                let path = problem.hasPrefix(".: ") ? "$" + problem.dropFirst() : "$" + problem
                problems.append((doc.number, "\(name): document \(doc.number) (\(subject)): \(path)"))
            }
        }
        return problems
    }

    private static func validate(_ stream: [UInt8], label: String, file: String?, crds: String?) throws
        -> ProcessResult
    {
        let crds = try crds ?? ToolPaths.crds()
        let helper = ToolPaths.repositoryRoot + "/Tests/Validation/kubernetes-checks.py"
        let rest = try ProcessRunner.run(
            try python3(), [helper, "--crds", crds, "-q", file ?? "-"], stdin: file == nil ? stream : [],
            directory: ToolPaths.repositoryRoot)
        guard rest.status == 0 || rest.status == 1 else {
            throw TestFailure("Tests/Validation/kubernetes-checks.py failed (\(rest.status)): \(rest.stderrText)")
        }
        // Merge by document: the CRD schema's problems first, then the helper's.
        var lines = try crdProblems(stream, label: label, crds: crds)
        for line in rest.stdoutText.split(separator: "\n") {
            let number = line.firstMatch(of: /: document (\d+) \(/).flatMap { Int($0.1) } ?? Int.max
            lines.append((number, String(line)))
        }
        let ordered = lines.enumerated().sorted { ($0.element.document, $0.offset) < ($1.element.document, $1.offset) }
        let text = ordered.map { $0.element.line + "\n" }.joined()
        return ProcessResult(status: text.isEmpty ? 0 : 1, stdout: Array(text.utf8), stderr: rest.stderr)
    }

    /// CRD schemas, loaded once per directory for the whole test run.
    private static func schemas(_ directory: String) throws -> CRDSchemaStore {
        try cache.withLock { stores in
            if let store = stores[directory] { return store }
            let store = try CRDSchemaStore.load(directory: directory)
            stores[directory] = store
            return store
        }
    }

    private static let cache = LockedStores()

    /// python3 from `PATH`.
    static func python3() throws -> String {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = String(dir) + "/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw TestFailure("python3 not found on PATH (Tests/Validation/kubernetes-checks.py needs it)")
    }
}

/// The loaded CRD stores, behind a lock (tests run in parallel).
private final class LockedStores: @unchecked Sendable {
    private let lock = NSLock()
    private var stores: [String: CRDSchemaStore] = [:]

    func withLock<T>(_ body: (inout [String: CRDSchemaStore]) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&stores)
    }
}
