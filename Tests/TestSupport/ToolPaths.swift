import Foundation

/// Where the tests find the repository, the built binary, Helm, kubectl and the upstream CRDs.
///
/// Every path can be overridden by an environment variable; `scripts/install-tools.sh` writes
/// `.tools/env.sh` with `HELM3`, `HELM4` and `KUBECTL`, which are read as a fallback.
public enum ToolPaths {
    /// Errors raised when a required tool is missing.
    public struct Missing: Error, CustomStringConvertible {
        /// What is missing and how to get it.
        public var description: String
    }

    /// The repository root (the directory holding `Package.swift`).
    public static let repositoryRoot: String = {
        if let root = ProcessInfo.processInfo.environment["KSERVE_CANARY_ROOT"] { return root }
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url.path
            }
        }
        return FileManager.default.currentDirectoryPath
    }()

    /// `.tools/env.sh` parsed into a dictionary (empty when absent).
    static let toolsEnv: [String: String] = {
        let path = repositoryRoot + "/.tools/env.sh"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var env: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("export ") {
            let body = line.dropFirst("export ".count)
            guard let eq = body.firstIndex(of: "=") else { continue }
            env[String(body[..<eq])] = String(body[body.index(after: eq)...]).trimmingCharacters(
                in: CharacterSet(charactersIn: "\""))
        }
        return env
    }()

    static func lookup(_ name: String) -> String? {
        if let value = ProcessInfo.processInfo.environment[name], !value.isEmpty { return value }
        return toolsEnv[name]
    }

    /// The `kserve-canary` executable built next to the running tests (or `KSERVE_CANARY_BIN`).
    public static func binary() throws -> String {
        if let bin = lookup("KSERVE_CANARY_BIN") { return bin }
        let exe =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // On Linux the test runner lives in <build>/debug/<pkg>PackageTests.xctest.
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("kserve-canary").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir.deleteLastPathComponent()
        }
        throw Missing(
            description:
                """
                kserve-canary binary not found next to the test runner; run `swift build` first or set \
                KSERVE_CANARY_BIN
                """
        )
    }

    /// Helm 3 (3.17.x): `HELM3`.
    public static func helm3() throws -> String { try tool("HELM3", "Helm 3") }
    /// Helm 4 (4.1.x): `HELM4`.
    public static func helm4() throws -> String { try tool("HELM4", "Helm 4") }
    /// kubectl with Kustomize (1.35): `KUBECTL`.
    public static func kubectl() throws -> String { try tool("KUBECTL", "kubectl") }

    /// The upstream CRDs directory (`KSERVE_CANARY_CRDS`, else `../shared/crds` next to the repository).
    public static func crds() throws -> String {
        let candidates = [lookup("KSERVE_CANARY_CRDS"), repositoryRoot + "/../shared/crds"].compactMap { $0 }
        for path in candidates where FileManager.default.fileExists(atPath: path + "/kserve") { return path }
        throw Missing(description: "upstream CRDs not found; set KSERVE_CANARY_CRDS to the shared/crds directory")
    }

    static func tool(_ variable: String, _ what: String) throws -> String {
        if let path = lookup(variable), FileManager.default.isExecutableFile(atPath: path) { return path }
        throw Missing(description: "\(what) not found: run scripts/install-tools.sh or set \(variable)")
    }
}
