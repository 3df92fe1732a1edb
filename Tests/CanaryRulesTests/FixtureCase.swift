import CanaryGroups
import CanaryRules
import Foundation
import TestSupport
import Testing
import YAMLStream

/// One golden case under Fixtures/<name>: input.yaml, optional args, and output.yaml or errors.txt.
struct FixtureCase: CustomTestStringConvertible, Sendable {
    var name: String
    var directory: URL

    var testDescription: String { name }

    static var root: URL { Bundle.module.resourceURL!.appendingPathComponent("Fixtures") }

    /// Every case under Fixtures/; throws when there is none (see `FixtureCases`).
    static func all() throws -> [FixtureCase] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        let cases = names.sorted().map { FixtureCase(name: $0, directory: root.appendingPathComponent($0)) }
        return try FixtureCases.nonEmpty(cases, from: root.path)
    }

    func bytes(_ file: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(file)))
    }

    func exists(_ file: String) -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(file).path)
    }

    /// Options from the `args` file (one argument per line).
    func options() throws -> CanaryOptions {
        var options = CanaryOptions()
        guard exists("args") else { return options }
        let args = String(decoding: try bytes("args"), as: UTF8.self).split(separator: "\n").map(String.init)
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--weights":
                options.weights = WeightMode(rawValue: args[i + 1])!
                i += 2
            case "--primary-load":
                options.primaryLoad = Int(args[i + 1])!
                i += 2
            default: fatalError("unknown fixture argument \(args[i])")
            }
        }
        return options
    }
}
