import FluxBuild
import Foundation
import HelmValues
import TestSupport
import Testing
import YAMLValues

/// Paths, tools and parsing shared by the Flux tests.
enum FluxFixtures {
    static let root = ToolPaths.repositoryRoot
    static let release = "sklearn"
    static let namespace = "sample-dev"

    static func path(_ relative: String) -> String { root + "/" + relative }

    /// The charts directory (`charts/`, or `KSERVE_CANARY_CHARTS` to try charts from elsewhere).
    static let charts: String = ExternalProgram.environment("KSERVE_CANARY_CHARTS") ?? root + "/charts"
    static func fixture(_ relative: String) -> String { root + "/Tests/FluxTests/Fixtures/" + relative }

    /// The fixture files of a fixture directory, sorted; throws when there is none (see `FixtureCases`).
    static func fixtures(in directory: String, suffix: String = ".yaml") throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixture(directory))) ?? []
        let files = names.filter { $0.hasSuffix(suffix) }.sorted().map { directory + "/" + $0 }
        return try FixtureCases.nonEmpty(files, from: fixture(directory) + "/*" + suffix)
    }

    static func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// The documents of a YAML stream.
    static func documents(_ bytes: [UInt8]) throws -> [YAMLValue] {
        try YAMLValueReader.documents(String(decoding: bytes, as: UTF8.self))
    }

    static func documents(file: String) throws -> [YAMLValue] { try YAMLValueReader.documents(try text(file)) }

    /// `kind namespace/name` of an object, for keyed comparisons.
    static func identity(_ object: YAMLValue) -> String {
        let kind = object["kind"]?.string ?? "?"
        let namespace = object.value(at: ["metadata", "namespace"])?.string ?? ""
        let name = object.value(at: ["metadata", "name"])?.string ?? "?"
        return "\(kind) \(namespace)/\(name)"
    }

    /// Objects by identity.
    static func keyed(_ objects: [YAMLValue]) -> [String: YAMLValue] {
        Dictionary(objects.map { (identity($0), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The one object of `kind` and `name`.
    static func one(_ objects: [YAMLValue], _ kind: String, _ name: String) throws -> YAMLValue {
        let found = objects.filter { $0["kind"]?.string == kind && $0.value(at: ["metadata", "name"])?.string == name }
        guard found.count == 1 else {
            throw TestFailure("expected one \(kind)/\(name), found \(found.count) among \(objects.map(identity))")
        }
        return found[0]
    }

    /// Runs the kserve-canary binary.
    /// Runs the built binary from the repository root. `KSERVE_CANARY_CRDS` is cleared unless given,
    /// so that scripts/test.sh (which exports it) does not turn on validation behind a test's back.
    static func kserveCanary(
        _ arguments: [String], stdin: [UInt8] = [], environment: [String: String] = ["KSERVE_CANARY_CRDS": ""]
    ) throws -> ProcessResult {
        try ProcessRunner.run(
            try ToolPaths.binary(), arguments, stdin: stdin, environment: environment, directory: root)
    }

    /// Strict validation of a stream: CRD schemas (kserve-canary's validator) and built-in kinds
    /// (see `ManifestValidation`).
    static func validate(_ stream: [UInt8]) throws -> ProcessResult {
        try ManifestValidation.validate(stream)
    }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> String {
        try ExternalProgram.temporaryDirectory(prefix: "kc-flux-test")
    }
}
