import YAMLStream

/// One `route[]` entry of an http route: where it sends traffic and with which weight.
struct DestinationFacts {
    /// `destination.host` as written.
    var host: String
    var hostMark: YAMLMark
    /// `destination.port.number`, if given.
    var port: Int?
    var portMark: YAMLMark?
    var weight: WeightValue
    var weightMark: YAMLMark
    /// Byte range of the weight scalar, when present.
    var weightRange: Range<Int>?
    /// How to add a missing weight: text before and after the number, inserted at `insertion`
    /// (or replacing `insertionRange` for flow mappings). Nil with `insertionError` when impossible.
    var insertion: Range<Int>?
    var insertionPrefix: String
    var insertionSuffix: String
    var insertionError: String?

    /// The edit that sets this destination's weight to `value`.
    func weightEdit(_ value: Int) -> ByteEdit? {
        if let weightRange { return ByteEdit(range: weightRange, text: String(value)) }
        guard let insertion else { return nil }
        return ByteEdit(range: insertion, text: insertionPrefix + String(value) + insertionSuffix)
    }
}
