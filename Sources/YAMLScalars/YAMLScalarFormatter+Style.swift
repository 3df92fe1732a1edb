/// Formatting a new value in the quoting style of the scalar it replaces.
extension YAMLScalarFormatter {
    /// `value` written in `style` where that reads back as the string `value`:
    /// `.singleQuoted` and `.doubleQuoted` keep their quotes (single quotes fall back to double
    /// quotes for characters they cannot write on one line); anything else is plain when safe,
    /// else double-quoted (as `string(_:flow:)`).
    /// - Parameter flow: the scalar sits inside `[...]`/`{...}`.
    public static func string(_ value: String, style: YAMLNodeStyle, flow: Bool = false) -> String {
        switch style {
        case .doubleQuoted:
            return doubleQuoted(value)
        case .singleQuoted:
            return singleQuoted(value) ?? doubleQuoted(value)
        default:
            return string(value, flow: flow)
        }
    }

    /// `value` in single quotes (`'` doubled), or nil when it holds a line break, a control or
    /// special character (NEL, LS, PS, BOM), which single quotes cannot write on one line.
    public static func singleQuoted(_ value: String) -> String? {
        for scalar in value.unicodeScalars where scalar.value < 0x20 || scalar.value == 0x7F || isSpecial(scalar) {
            return nil
        }
        var out = "'"
        for scalar in value.unicodeScalars {
            if scalar == "'" { out += "''" } else { out.unicodeScalars.append(scalar) }
        }
        return out + "'"
    }
}
