/// Settings for one post-render or lint run.
public struct CanaryOptions: Sendable {
    /// How weights are checked or rewritten.
    public var weights: WeightMode
    /// When set, the primary gets this percentage and the canary the rest (0...100).
    public var primaryLoad: Int?
    /// Chart names that mark a `<name>-primary`/`<name>-canary` HelmRelease as a model release.
    public var modelCharts: Set<String>

    /// Creates options.
    public init(weights: WeightMode = .strict, primaryLoad: Int? = nil, modelCharts: Set<String> = ["kserve-model"]) {
        self.weights = weights
        self.primaryLoad = primaryLoad
        self.modelCharts = modelCharts
    }
}
