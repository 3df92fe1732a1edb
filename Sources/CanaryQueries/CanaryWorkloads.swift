import KServeCanaryModel

/// Who a canary is in the cluster: its namespace, its group (kserve-general's fullname) and the
/// KServe predictor Deployments of the two variants (Istio's `destination_workload`).
///
/// The workloads are named by `CanaryNames.predictor(group:variant:)`; CanaryAnalysis derives
/// namespace and group from a file (`derive(from:namespace:name:)`).
public struct CanaryWorkloads: Sendable, Equatable {
    /// The namespace the InferenceServices run in.
    public var namespace: String
    /// kserve-general's group name.
    public var group: String

    /// Creates workloads for a namespace and group.
    public init(namespace: String, group: String) {
        self.namespace = namespace
        self.group = group
    }

    /// `<group>-canary-predictor`.
    public var canary: String { CanaryNames.predictor(group: group, variant: .canary) }
    /// `<group>-primary-predictor`.
    public var primary: String { CanaryNames.predictor(group: group, variant: .primary) }
}
