/// A failed step of `flux build`: which release, which step, what went wrong.
public struct FluxBuildError: Error, Sendable, CustomStringConvertible {
    /// `HelmRelease <namespace>/<name>`, or the input file when no release is involved.
    public var release: String
    /// The step that failed, e.g. `compose values`, `render chart kserve-model`.
    public var step: String
    /// What went wrong and, where known, what to do.
    public var message: String

    /// Creates an error.
    public init(release: String, step: String, message: String) {
        self.release = release
        self.step = step
        self.message = message
    }

    /// `<release>: <step>: <message>`.
    public var description: String { "\(release): \(step): \(message)" }
}
