/// Which side of a canary a release is.
public enum Variant: String, Sendable, CaseIterable, Codable, Comparable {
    /// The release serving the current model (`<group>-primary`).
    case primary
    /// The release serving the new model (`<group>-canary`).
    case canary

    /// `-primary` or `-canary`.
    public var suffix: String {
        switch self {
        case .primary: "-primary"
        case .canary: "-canary"
        }
    }

    /// Primary first.
    public static func < (a: Variant, b: Variant) -> Bool { a == .primary && b == .canary }
}
