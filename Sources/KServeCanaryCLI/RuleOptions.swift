import ArgumentParser
import CanaryGroups
import CanaryRules
import KServeCanaryModel

extension WeightMode: ExpressibleByArgument {}

/// Options shared by every command that applies the canary rules.
struct RuleOptions: ParsableArguments {
    @Option(
        name: .long,
        help:
            """
            How VirtualService weights are handled: strict (must be integer percentages summing to 100) or \
            normalize (rewrite to such).
            """
    )
    var weights: WeightMode = .strict

    @Option(
        name: .long,
        help: ArgumentHelp(
            """
            Give the primary N percent of every default route to the group and the canary 100-N (0-100), \
            rewriting the weights. A default route has no match condition, or matches only on uri and lists \
            both predictors; routes matched on headers, queryParams, method, authority, port, sourceLabels \
            or any other condition (forced-variant routes) keep their weights.
            """,
            valueName: "N"))
    var primaryLoad: Int?

    @Option(
        name: .customLong("model-chart"),
        help: ArgumentHelp(
            """
            Chart name that marks a -primary/-canary HelmRelease as a model release (repeatable; \
            default \(CanaryCharts.model)).
            """,
            valueName: "NAME"))
    var modelCharts: [String] = []

    func validate() throws {
        if let primaryLoad, !(0...100).contains(primaryLoad) {
            throw ValidationError("--primary-load must be an integer from 0 to 100, got \(primaryLoad)")
        }
    }

    /// The options when none is given (the same as `canaryOptions` of an empty command line).
    static let defaults = CanaryOptions(weights: .strict, primaryLoad: nil, modelCharts: [CanaryCharts.model])

    var canaryOptions: CanaryOptions {
        CanaryOptions(
            weights: weights, primaryLoad: primaryLoad,
            modelCharts: modelCharts.isEmpty ? [CanaryCharts.model] : Set(modelCharts))
    }
}
