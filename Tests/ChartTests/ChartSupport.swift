import Foundation
import TestSupport
import Testing

/// Paths, commands and parsed output shared by the chart tests.
enum Charts {
    static let root = ToolPaths.repositoryRoot
    static let release = "sklearn"
    static let namespace = "sample-dev"
    /// The one value kserve-model has no default for.
    static let storageUri = "gs://kfserving-examples/models/sklearn/1.0/model"
    /// `--set` of a storage URI, for kserve-model renders without a ci file.
    static let withStorageUri = ["inferenceservice.predictor.model.storageUri=" + storageUri]

    static func chartDir(_ chart: String) -> String { root + "/charts/" + chart }
    static func path(_ relative: String) -> String { root + "/" + relative }

    /// `ci/*-values.yaml` of a chart, as paths relative to the chart directory, sorted.
    static func ciFiles(_ chart: String) -> [String] {
        let dir = chartDir(chart) + "/ci"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { $0.hasSuffix("-values.yaml") }.sorted().map { "ci/" + $0 }
    }

    /// python3 from PATH; throws when missing.
    static func python3() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = String(dir) + "/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw TestFailure("python3 not found on PATH (the validator needs Python 3 with jsonschema and PyYAML)")
    }

    /// `helm template <release> charts/<chart> -n <namespace> [-f ...] [--set ...] [--set-string ...]`.
    static func template(
        _ helm: HelmMajor, chart: String, release: String = release, namespace: String = namespace,
        values: [String] = [], set: [String] = [], setString: [String] = [], chartPath: String? = nil
    ) throws -> ProcessResult {
        var args = ["template", release, chartPath ?? chartDir(chart), "--namespace", namespace]
        for file in values { args += ["-f", file.hasPrefix("/") ? file : chartDir(chart) + "/" + file] }
        for item in set { args += ["--set", item] }
        for item in setString { args += ["--set-string", item] }
        return try ProcessRunner.run(try helm.path(), args, directory: root)
    }

    /// The objects of a render that must succeed, as kubectl reads them.
    static func renderObjects(
        _ helm: HelmMajor, chart: String, release: String = release, namespace: String = namespace,
        values: [String] = [], set: [String] = [], setString: [String] = []
    ) throws -> Manifest {
        try objects(
            try render(
                helm, chart: chart, release: release, namespace: namespace,
                values: values, set: set, setString: setString))
    }

    /// The lines of a VALUES VALIDATION failure (`- message`), without the child prefix of kserve-general.
    static func validationMessages(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  - ") else { return nil }
            return String(line.dropFirst(4))
        }
    }

    /// Like `template`, but the render must succeed.
    static func render(
        _ helm: HelmMajor, chart: String, release: String = release, namespace: String = namespace,
        values: [String] = [], set: [String] = [], setString: [String] = []
    ) throws -> [UInt8] {
        let result = try template(
            helm, chart: chart, release: release, namespace: namespace,
            values: values, set: set, setString: setString)
        guard result.status == 0 else {
            throw TestFailure(
                "helm template \(chart) \(values) \(set) failed (\(result.status)):\n"
                    + result.stderrText)
        }
        return result.stdout
    }

    /// Validates a stream strictly against the upstream CRDs (kserve-canary's validator) and the
    /// Kubernetes schemas (`Tests/Validation/kubernetes-checks.py`): see `ManifestValidation`.
    static func validate(_ stream: [UInt8], label: String = "-") throws -> ProcessResult {
        try ManifestValidation.validate(stream, label: label)
    }

    /// Runs one of the repository's Python scripts.
    static func script(_ name: String, _ arguments: [String], stdin: [UInt8] = []) throws -> ProcessResult {
        try ProcessRunner.run(try python3(), [path("scripts/" + name)] + arguments, stdin: stdin, directory: root)
    }

    /// The label `kubectl label --local` adds to every object, and `objects` removes again.
    static let probeLabel = "kserve-canary.io/t"

    /// The objects of a YAML stream as the cluster reads them: `kubectl label --local -f - ... -o json`
    /// (sigs.k8s.io/yaml, YAML 1.1, duplicate keys refused), one call for the whole stream. The probe
    /// label is removed again (and `labels` with it when nothing else is left).
    static func objects(_ stream: [UInt8]) throws -> Manifest {
        let result = try ProcessRunner.run(
            try ToolPaths.kubectl(), ["label", "--local", "-f", "-", "\(probeLabel)=1", "-o", "json"], stdin: stream)
        guard result.status == 0 else { throw TestFailure("kubectl does not read the stream: \(result.stderrText)") }
        var objects: [[String: Any]] = []
        for chunk in try JSONStream.split(result.stdout) {
            guard var object = try JSONSerialization.jsonObject(with: Data(chunk)) as? [String: Any] else {
                throw TestFailure("kubectl printed something that is not an object")
            }
            if var metadata = object["metadata"] as? [String: Any], var labels = metadata["labels"] as? [String: Any] {
                labels.removeValue(forKey: probeLabel)
                metadata["labels"] = labels.isEmpty ? nil : labels
                object["metadata"] = metadata
            }
            objects.append(object)
        }
        return Manifest(objects: objects)
    }

    /// A values file (not a Kubernetes object) as go-yaml v2 reads it, through kubectl: its keys become
    /// the fields of a throw-away object, which `kubectl label --local` prints back unchanged.
    static func values(_ text: String) throws -> [String: Any] {
        let probe = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: values-probe\n" + text
        var root = try objects(Array(probe.utf8)).objects.first ?? [:]
        for key in ["apiVersion", "kind", "metadata"] { root.removeValue(forKey: key) }
        return root
    }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kc-chart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Parsed objects of a rendered stream.
struct Manifest {
    var objects: [[String: Any]]

    func all(_ kind: String) -> [[String: Any]] { objects.filter { $0["kind"] as? String == kind } }

    func names(_ kind: String) -> [String] { all(kind).compactMap { at($0, "metadata", "name") as? String }.sorted() }

    func one(_ kind: String, _ name: String) throws -> [String: Any] {
        let found = all(kind).filter { at($0, "metadata", "name") as? String == name }
        guard found.count == 1 else {
            let have = objects.map { "\($0["kind"] ?? "?")/\(at($0, "metadata", "name") ?? "?")" }
            throw TestFailure("expected one \(kind)/\(name), found \(found.count); have \(have)")
        }
        return found[0]
    }
}

/// Walks parsed JSON: each key is a `String` (map key) or an `Int` (list index).
func at(_ value: Any?, _ keys: Any...) -> Any? { at(value, path: keys) }

/// `at` with the keys in an array.
func at(_ value: Any?, path keys: [Any]) -> Any? {
    var current = value
    for key in keys {
        if let name = key as? String, let map = current as? [String: Any] {
            current = map[name]
        } else if let index = key as? Int, let list = current as? [Any], index >= 0, index < list.count {
            current = list[index]
        } else {
            return nil
        }
    }
    return current
}

/// Compares two parsed JSON values structurally.
func jsonEqual(_ lhs: Any?, _ rhs: Any?) -> Bool {
    guard let lhs, let rhs else { return lhs == nil && rhs == nil }
    return NSDictionary(dictionary: ["v": lhs]).isEqual(to: ["v": rhs])
}
