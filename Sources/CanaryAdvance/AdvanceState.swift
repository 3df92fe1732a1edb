import CanaryAnalysis
import CanaryQueries
import KServeCanaryModel

/// What `advance` remembers between runs, kept in the file itself so that a cluster rebuild, a
/// new CI runner or a revert in git loses nothing.
///
/// In a Flux HelmRelease: annotations on its metadata (`kserve-canary.io/canary`,
/// `kserve-canary.io/failures`, `kserve-canary.io/last-step`); helm-controller ignores metadata
/// changes, so recording a failure does not upgrade the release. In any other document (a plain
/// values file): the values key `canaryAnalysis` (`canary`, `failures`, `lastStep`), which
/// kserve-general accepts and ignores. The state belongs to the canary whose `newStorageUri`
/// it names; state recorded for another canary is stale and ignored. `CanaryAnalysisKeys` names
/// the keys; `AdvanceStateStore` reads and edits them.
///
/// As JSON (`advance --output json`): `{"canary", "failures", "lastStep"}`, `lastStep` in RFC 3339,
/// absent values `null`.
public struct AdvanceState: Sendable, Equatable, Codable {
    /// The `newStorageUri` the state was recorded for.
    public var canary: String?
    /// Failed analyses of this canary so far.
    public var failures: Int
    /// When `advance` last moved this canary's traffic.
    public var lastStep: Instant?

    /// Creates a state.
    public init(canary: String? = nil, failures: Int = 0, lastStep: Instant? = nil) {
        self.canary = canary
        self.failures = failures
        self.lastStep = lastStep
    }

    /// No state recorded.
    public var isEmpty: Bool { canary == nil && failures == 0 && lastStep == nil }

    enum CodingKeys: String, CodingKey { case canary, failures, lastStep }

    /// Reads the JSON form.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        canary = try c.decodeIfPresent(String.self, forKey: .canary)
        failures = try c.decode(Int.self, forKey: .failures)
        lastStep = nil
        if let text = try c.decodeIfPresent(String.self, forKey: .lastStep) {
            guard let instant = Instant(parsing: text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .lastStep, in: c,
                    debugDescription: "not an RFC 3339 time: \(text)")
            }
            lastStep = instant
        }
    }

    /// Writes the JSON form: every key, `null` when absent.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(canary, forKey: .canary)
        try c.encode(failures, forKey: .failures)
        try c.encode(lastStep?.rfc3339, forKey: .lastStep)
    }
}
