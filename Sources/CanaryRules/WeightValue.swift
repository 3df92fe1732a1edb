/// A destination's `weight` as written.
enum WeightValue: Equatable {
    /// No `weight` key.
    case absent
    /// A non-negative integer.
    case value(Int)
    /// Anything else, with a message saying why it is not a weight.
    case invalid(String)
}
