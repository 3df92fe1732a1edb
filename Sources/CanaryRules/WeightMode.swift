/// How the VirtualService weights of a canary group are checked.
public enum WeightMode: String, Sendable, CaseIterable {
    /// Weights must already be integer percentages that sum to exactly 100.
    case strict
    /// Weights are rewritten to integer percentages that sum to exactly 100 (largest remainder).
    case normalize
}
