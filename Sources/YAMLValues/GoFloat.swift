/// Go's text for floating-point numbers where kserve-canary must match it exactly.
enum GoFloat {
    /// `strconv.FormatFloat(d, 'g', -1, 32)` as sigs.k8s.io/yaml uses for float mapping keys, with
    /// its `.inf`, `-.inf` and `.nan` replacements.
    static func format32(_ d: Double) -> String {
        if d.isNaN { return ".nan" }
        if d.isInfinite { return d < 0 ? "-.inf" : ".inf" }
        let f = Float(d)
        if f.isInfinite { return f < 0 ? "-.inf" : ".inf" }
        if f == 0 { return f.sign == .minus ? "-0" : "0" }
        let (negative, digits, point) = shortestDigits(f)
        let exponent = point - 1
        var out = negative ? "-" : ""
        if exponent < -4 || exponent >= 6 {
            out += String(digits.first!)
            if digits.count > 1 { out += "." + digits.dropFirst() }
            let e = abs(exponent)
            out += (exponent < 0 ? "e-" : "e+") + (e < 10 ? "0" : "") + String(e)
            return out
        }
        if point <= 0 {
            return out + "0." + String(repeating: "0", count: -point) + digits
        }
        if point >= digits.count {
            return out + digits + String(repeating: "0", count: point - digits.count)
        }
        let index = digits.index(digits.startIndex, offsetBy: point)
        return out + digits[..<index] + "." + digits[index...]
    }

    /// The shortest round-trip decimal digits of `f` (no leading or trailing zeros) and the
    /// position of the decimal point relative to them (`digits × 10^(point - count)`).
    static func shortestDigits(_ f: Float) -> (negative: Bool, digits: String, point: Int) {
        var text = "\(abs(f))"  // Swift prints the shortest round-trip representation
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0])
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = whole + fraction
        var point = whole.count + exponent
        while digits.first == "0" && digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" && digits.count > 1 { digits.removeLast() }
        return (f < 0, digits, point)
    }
}
