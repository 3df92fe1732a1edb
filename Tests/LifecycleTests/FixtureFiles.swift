import Foundation
import TestSupport

/// Reads the golden before/after files of `Fixtures/`.
///
/// Set `LIFECYCLE_UPDATE_GOLDEN=1` to (re)write missing or differing golden files in the source
/// tree instead of failing; review them with `git diff` before committing.
enum FixtureFiles {
    /// The copied resource directory.
    static let directory: URL = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    /// `Tests/LifecycleTests/Fixtures` in the source tree (where golden updates go).
    static let sourceDirectory = ToolPaths.repositoryRoot + "/Tests/LifecycleTests/Fixtures"

    /// Whether golden files are being rewritten.
    static let updating = ProcessInfo.processInfo.environment["LIFECYCLE_UPDATE_GOLDEN"] == "1"

    /// The bytes of fixture `name`.
    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// The text of fixture `name`.
    static func text(_ name: String) throws -> String { String(decoding: try bytes(name), as: UTF8.self) }

    /// The golden bytes of `name`, written from `actual` first when updating.
    static func golden(_ name: String, actual: [UInt8]) throws -> [UInt8] {
        if updating {
            let path = sourceDirectory + "/" + name
            if (try? Data(contentsOf: URL(fileURLWithPath: path))) != Data(actual) {
                try Data(actual).write(to: URL(fileURLWithPath: path))
            }
            return actual
        }
        return try bytes(name)
    }
}
