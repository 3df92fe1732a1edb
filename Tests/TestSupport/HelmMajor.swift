import Testing

/// The two Helm majors the tests prove everything with.
public enum HelmMajor: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// Helm 3 (3.17.x): `HELM3`.
    case helm3 = "Helm 3"
    /// Helm 4 (4.1.x): `HELM4`.
    case helm4 = "Helm 4"

    /// `Helm 3` or `Helm 4` in test names.
    public var testDescription: String { rawValue }

    /// The executable; throws (never skips) when it is missing.
    public func path() throws -> String {
        switch self {
        case .helm3: return try ToolPaths.helm3()
        case .helm4: return try ToolPaths.helm4()
        }
    }
}
