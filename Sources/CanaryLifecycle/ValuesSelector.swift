/// Which values mapping of a file the lifecycle commands read and edit.
///
/// Without options, `ValuesLocator` picks the `spec.values` of the Flux HelmRelease whose
/// `spec.chart.spec.chart` is `kserve-general` (or of the only HelmRelease), or the root of a
/// plain values file. `release` and `path` narrow or override that choice.
public struct ValuesSelector: Sendable, Equatable {
    /// `metadata.name` of the HelmRelease to use (`--release`).
    public var release: String?
    /// Mapping keys from the document root to the values mapping (`--path`); empty for the root
    /// itself; nil to locate the values automatically.
    public var path: [String]?

    /// Creates a selector.
    public init(release: String? = nil, path: [String]? = nil) {
        self.release = release
        self.path = path
    }

    /// Parses a dotted path: `spec.values` is `["spec", "values"]`, `.` is the document root.
    /// Keys cannot contain dots.
    public static func parsePath(_ text: String) throws(LifecycleError) -> [String] {
        if text == "." { return [] }
        let keys = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !text.isEmpty, !keys.contains(where: \.isEmpty) else {
            throw LifecycleError(
                .invalidValue,
                """
                invalid --path `\(text)`: write mapping keys separated by dots (e.g. spec.values), or . \
                for the document root
                """
            )
        }
        return keys
    }

    /// The path as written on the command line (`.` for the root).
    public static func describe(_ path: [String]) -> String { path.isEmpty ? "." : path.joined(separator: ".") }
}
