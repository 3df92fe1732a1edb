/// Which side of a canary a release is.
public enum Variant: String, Sendable, CaseIterable {
    /// The release serving the current model (`<name>-primary`).
    case primary
    /// The release serving the new model (`<name>-canary`).
    case canary

    /// `-primary` or `-canary`.
    public var suffix: String { "-" + rawValue }

    /// The predictor Service KServe creates for the variant of group `name`.
    public func predictorService(group name: String) -> String { name + suffix + "-predictor" }
}
