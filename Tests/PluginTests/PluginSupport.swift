import Foundation
import TestSupport
import Testing

/// Repository paths and names.
enum Repo {
    static let root = ToolPaths.repositoryRoot
    static let postRendererDir = root + "/plugins/kserve-canary-postrenderer"
    /// Where the install hooks put the binary when the plugins are installed from this checkout
    /// (a local install is a symlink to the directory).
    static let placedBinaries = [root + "/bin", postRendererDir + "/bin"]
    static let cliPlugin = "kserve-canary"
    static let postRendererPlugin = "kserve-canary-postrenderer"

    static func path(_ relative: String) -> String { root + "/" + relative }
}

/// A chart rendering through the plugin: the chart directory (relative to the repository) and
/// its values files.
struct ChartCase: Sendable, CustomTestStringConvertible {
    var name: String
    var chart: String
    var values: [String]
    var set: [String] = []

    var testDescription: String { name }

    /// `template <release> <chart> -n <namespace> -f ...` arguments.
    func templateArguments(release: String = "sklearn", namespace: String = "sample-dev") -> [String] {
        var args = ["template", release, Repo.path(chart), "--namespace", namespace]
        for file in values { args += ["-f", Repo.path(file)] }
        for item in set { args += ["--set", item] }
        return args
    }

    /// Our kserve-general with every feature on, ours with the seed's values, the seed's own templates.
    static let passing: [ChartCase] = [
        ChartCase(
            name: "kserve-general, canary-values", chart: "charts/kserve-general",
            values: ["charts/kserve-general/ci/canary-values.yaml"]),
        ChartCase(
            name: "kserve-general, seed values", chart: "charts/kserve-general",
            values: ["examples/sklearn/values.yaml"]),
        ChartCase(
            name: "seed kserve-general", chart: "examples/seed-kserve-general",
            values: ["examples/sklearn/values.yaml"]),
    ]

    /// Renders the chart accepts but kserve-canary refuses, and a line of the reason.
    static let failing: [(ChartCase, String)] = [
        (
            ChartCase(
                name: "seed, weights 150/-50", chart: "examples/seed-kserve-general",
                values: ["examples/sklearn/values.yaml"], set: ["primaryLoad=150"]),
            "error: document 3 (VirtualService/sklearn-predictor): weight must be a non-negative integer"
        ),
        (
            ChartCase(
                name: "seed, canary without newStorageUri", chart: "examples/seed-kserve-general",
                values: ["examples/sklearn/values.yaml"], set: ["inferenceservice.predictor.model.newStorageUri=null"]),
            "error: document 1 (HelmRelease/sklearn-canary): "
                + "spec.values.inferenceservice.predictor.model.newStorageUri is empty"
        ),
    ]
}

/// Throwaway `HELM_DATA_HOME`, `HELM_CONFIG_HOME` and `HELM_CACHE_HOME` for one Helm major, with
/// the plugins installed from this checkout. Removes its directories, and the binaries the install
/// hooks placed in the checkout when they were not there before, on `close()`.
final class PluginHome {
    let helm: HelmMajor
    let helmPath: String
    let dir: String
    /// A directory on PATH holding `helm` (for Helm 3's `--post-renderer helm`).
    let pathDir: String
    private var placedBefore: [String: Bool] = [:]

    init(_ helm: HelmMajor) throws {
        self.helm = helm
        helmPath = try helm.path()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("kc-plugin-\(UUID().uuidString)").path
        pathDir = dir + "/path"
        for sub in ["data", "config", "cache", "path", "work"] {
            try FileManager.default.createDirectory(atPath: dir + "/" + sub, withIntermediateDirectories: true)
        }
        try FileManager.default.createSymbolicLink(atPath: pathDir + "/helm", withDestinationPath: helmPath)
        for placed in Repo.placedBinaries {
            placedBefore[placed] = FileManager.default.fileExists(atPath: placed + "/kserve-canary")
        }
    }

    /// Helm's environment: only the throwaway homes; the error-report switch off.
    var environment: [String: String] {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return [
            "HELM_DATA_HOME": dir + "/data",
            "HELM_CONFIG_HOME": dir + "/config",
            "HELM_CACHE_HOME": dir + "/cache",
            "HELM_PLUGINS": dir + "/data/plugins",
            "HELM_KSERVE_CANARY_PLAIN_ERRORS": "",
            "HELM_KSERVE_CANARY_SKIP_BUILD": "",
            "KSERVE_CANARY_BINARY": "",
            "KSERVE_CANARY_BUILD": "",
            "KSERVE_CANARY_RELEASE_URL": "",
            "PATH": pathDir + ":" + path,
        ]
    }

    /// Runs this Helm with `arguments`.
    func run(_ arguments: [String], stdin: [UInt8] = [], environment extra: [String: String] = [:]) throws
        -> ProcessResult
    {
        try ProcessRunner.run(
            helmPath, arguments, stdin: stdin,
            environment: environment.merging(extra) { $1 }, directory: dir + "/work")
    }

    /// Runs this Helm and throws unless it exits 0.
    @discardableResult
    func succeed(_ arguments: [String], stdin: [UInt8] = [], environment extra: [String: String] = [:]) throws
        -> ProcessResult
    {
        let result = try run(arguments, stdin: stdin, environment: extra)
        guard result.status == 0 else {
            throw TestFailure(
                "\(helm.rawValue) \(arguments.joined(separator: " ")) exited \(result.status):\n\(result.stderrText)")
        }
        return result
    }

    /// `helm plugin install` of the top-level plugin, and on Helm 4 of the post-renderer plugin,
    /// from this checkout, with the install hook's escape hatch pointing at the built binary.
    func installPlugins() throws {
        let hatch = ["KSERVE_CANARY_BINARY": try ToolPaths.binary()]
        try succeed(["plugin", "install", Repo.root], environment: hatch)
        if helm == .helm4 {
            try succeed(["plugin", "install", Repo.postRendererDir], environment: hatch)
        }
    }

    /// The binary the top-level plugin's install hook placed (Helm 3's `--post-renderer <path>`):
    /// `$HELM_PLUGINS/<checkout directory name>/bin/kserve-canary`.
    var installedBinary: String {
        dir + "/data/plugins/" + URL(fileURLWithPath: Repo.root).lastPathComponent + "/bin/kserve-canary"
    }

    func close() {
        try? FileManager.default.removeItem(atPath: dir)
        for (placed, existed) in placedBefore where !existed {
            try? FileManager.default.removeItem(atPath: placed + "/kserve-canary")
            try? FileManager.default.removeItem(atPath: placed)
        }
    }
}

/// Semantic comparison of YAML streams (Helm 4 re-emits post-rendered documents with kyaml, so its
/// bytes differ from kserve-canary's): each non-empty document as canonical JSON, sorted.
enum YAMLNormalizer {
    static let script = """
        import json, sys, yaml
        docs = [d for d in yaml.safe_load_all(sys.stdin.buffer.read()) if d is not None]
        for line in sorted(json.dumps(d, sort_keys=True) for d in docs):
            print(line)
        """

    /// Canonical JSON lines of the stream's documents (python3 with PyYAML, as scripts/install-tools.sh installs).
    static func documents(_ yaml: [UInt8]) throws -> [String] {
        let result = try ProcessRunner.run("/usr/bin/env", ["python3", "-c", script], stdin: yaml)
        guard result.status == 0 else { throw TestFailure("YAML normalizer failed:\n\(result.stderrText)") }
        return result.stdoutText.split(separator: "\n").map(String.init)
    }

    /// The documents of the given kind.
    static func documents(_ yaml: [UInt8], kind: String) throws -> [String] {
        try documents(yaml).filter { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                return false
            }
            return object["kind"] as? String == kind
        }
    }
}
