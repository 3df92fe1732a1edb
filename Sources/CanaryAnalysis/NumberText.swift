/// Numbers as the reports print them: integers plain, others with up to `decimals` decimals.
enum NumberText {
    /// `value` rounded to `decimals` decimals: `600`, `0.5`, `NaN`, `+Inf`.
    static func format(_ value: Double, decimals: Int = 3) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        var text = String(rounded)
        if text.contains("e") { return text }
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// A number for the JSON reports: rounded to 6 decimals like `format`, nil when not finite
    /// (JSON has no NaN or infinities).
    static func json(_ value: Double?) -> Double? {
        guard let value, value.isFinite else { return nil }
        let rounded = (value * 1e6).rounded() / 1e6
        return rounded.isFinite ? rounded : value
    }
}
