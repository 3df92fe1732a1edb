import KServeCanaryModel

/// Settings for one post-render, lint or summary run.
public struct CanaryOptions: Sendable {
    /// How weights are checked or rewritten.
    public var weights: WeightMode
    /// When set, the primary gets this percentage of each default route and the canary the rest
    /// (0...100); `VirtualServiceRoutes.Route.isDefault` says which routes are default routes.
    public var primaryLoad: Int?
    /// Chart names that mark a `<name>-primary`/`<name>-canary` HelmRelease as a model release.
    public var modelCharts: Set<String>

    /// Creates options.
    public init(weights: WeightMode = .strict, primaryLoad: Int? = nil, modelCharts: Set<String> = [CanaryCharts.model])
    {
        self.weights = weights
        self.primaryLoad = primaryLoad
        self.modelCharts = modelCharts
    }

    /// Whether VirtualService weights may be rewritten (normalized or set from `primaryLoad`);
    /// otherwise they are only checked.
    package var editsWeights: Bool { weights == .normalize || primaryLoad != nil }
}

/// How the VirtualService weights of a canary group are checked.
public enum WeightMode: String, Sendable, CaseIterable {
    /// Weights must already be integer percentages that sum to exactly 100.
    case strict
    /// Weights are rewritten to integer percentages that sum to exactly 100 (largest remainder).
    case normalize
}
