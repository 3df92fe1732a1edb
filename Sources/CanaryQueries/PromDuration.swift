/// A Prometheus duration (`5m`, `1h30m`, `90s`), kept as written for PromQL and as seconds.
public struct PromDuration: Sendable, Equatable, CustomStringConvertible {
    /// As written, e.g. `5m`.
    public let text: String
    /// Length in seconds.
    public let seconds: Double

    /// Parses Prometheus' duration syntax: one or more `<integer><unit>` with units `ms`, `s`,
    /// `m`, `h`, `d`, `w`, `y`, largest first. Zero is refused unless `allowZero`.
    public init?(_ text: String, allowZero: Bool = false) {
        let units: [(String, Double)] = [
            ("y", 31_536_000), ("w", 604_800), ("d", 86_400), ("h", 3600),
            ("m", 60), ("s", 1), ("ms", 0.001),
        ]
        var rest = Substring(text)
        var total = 0.0
        var lastUnit = -1
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && $0.isNumber }
            guard !number.isEmpty, number.count <= 12, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unitText = rest.hasPrefix("ms") ? "ms" : String(rest.prefix(1))
            guard let index = units.firstIndex(where: { $0.0 == unitText }), index > lastUnit else { return nil }
            rest = rest.dropFirst(unitText.count)
            total += value * units[index].1
            lastUnit = index
        }
        guard lastUnit >= 0, allowZero || total > 0 else { return nil }
        self.text = text
        seconds = total
    }

    /// `4m12s`-style text for a number of seconds (whole seconds).
    public static func describe(seconds: Double) -> String {
        var s = Int64(seconds.rounded(.down))
        if s <= 0 { return "0s" }
        var out = ""
        if s >= 86_400 {
            out += "\(s / 86_400)d"
            s %= 86_400
        }
        if s >= 3600 {
            out += "\(s / 3600)h"
            s %= 3600
        }
        if s >= 60 {
            out += "\(s / 60)m"
            s %= 60
        }
        if s > 0 { out += "\(s)s" }
        return out
    }

    /// As written.
    public var description: String { text }
}
