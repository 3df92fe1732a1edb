import Testing
import TestSupport

/// Which Helm major a test runs.
enum HelmMajor: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case helm3 = "Helm 3"
    case helm4 = "Helm 4"

    var testDescription: String { rawValue }

    func path() throws -> String { self == .helm3 ? try ToolPaths.helm3() : try ToolPaths.helm4() }
}
