import KServeCanaryModel

/// What the values say about a canary: the two storage URIs and the primary's traffic share.
public struct CanaryState: Sendable, Equatable, CustomStringConvertible {
    /// `inferenceservice.predictor.model.storageUri` (nil when absent or null).
    public var storageUri: String?
    /// `inferenceservice.predictor.model.newStorageUri` (nil when absent or null).
    public var newStorageUri: String?
    /// `primaryLoad` as kserve-general reads it (nil when absent or null: Helm drops null values,
    /// and the chart's default, 100, applies).
    public var primaryLoad: Int?

    /// Creates a state.
    public init(storageUri: String?, newStorageUri: String?, primaryLoad: Int?) {
        self.storageUri = storageUri
        self.newStorageUri = newStorageUri
        self.primaryLoad = primaryLoad
    }

    /// The chart's default `primaryLoad`.
    public static let defaultPrimaryLoad = ModelValues.defaultPrimaryLoad

    /// A canary is running iff `newStorageUri` is present and non-empty.
    public var isRunning: Bool { !(newStorageUri ?? "").isEmpty }

    /// `primaryLoad`, or the chart default when it is not written.
    public var effectivePrimaryLoad: Int { primaryLoad ?? Self.defaultPrimaryLoad }

    /// The canary's share of traffic in percent: `100 - primaryLoad` while a canary runs, else 0.
    public var canaryWeight: Int { isRunning ? 100 - effectivePrimaryLoad : 0 }

    /// The primary's share of traffic in percent (100 while no canary runs: the chart ignores `primaryLoad` then).
    public var primaryWeight: Int { 100 - canaryWeight }

    /// `storageUri=..., newStorageUri=..., primaryLoad=...`.
    public var description: String {
        """
        storageUri=\(storageUri ?? "(none)"), newStorageUri=\(newStorageUri ?? "(none)"), \
        primaryLoad=\(primaryLoad.map(String.init) ?? "(none)")
        """
    }
}
