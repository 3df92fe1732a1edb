import YAMLScalars
import YAMLStream
import YAMLValues

/// What the API server checks beyond JSON-schema keywords when it validates a custom resource:
/// the `format`s it knows and the uniqueness of `x-kubernetes-list-type` lists.
extension OpenAPISchemaValidator {
    /// Why `value` does not have `format`, or nil. Unknown formats, and values of another type
    /// than the format's, pass (as in the API server).
    static func formatProblem(_ value: YAMLValue, format: String) -> String? {
        switch (format, value) {
        case ("int32", .int(let i)) where i < Int64(Int32.min) || i > Int64(Int32.max):
            return "\(YAMLValueWriter.inline(value)) is not a valid \(format) (out of range)"
        case ("int64", .float(let d)) where d == d.rounded() && (d < -0x1p63 || d >= 0x1p63):
            return "\(YAMLValueWriter.inline(value)) is not a valid \(format) (out of range)"
        case ("byte", .string(let text)) where Base64Text.decodeBytes(text) == nil:
            return "\(YAMLValueWriter.inline(value)) is not valid base64 (format byte)"
        case ("date-time", .string(let text)) where !isDateTime(text):
            return "\(YAMLValueWriter.inline(value)) is not an RFC 3339 date-time"
        default:
            return nil
        }
    }

    /// RFC 3339 `date-time`: `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`.
    static func isDateTime(_ text: String) -> Bool {
        text.wholeMatch(of: #/\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})/#) != nil
    }

    /// Duplicates in a list whose schema says `x-kubernetes-list-type: set` (equal items) or `map`
    /// (equal values of the `x-kubernetes-list-map-keys`), as `(index, message)`.
    static func listTypeProblems(_ items: [YAMLValue], schema: YAMLMap) -> [(index: Int, message: String)] {
        switch schema["x-kubernetes-list-type"]?.string {
        case "set":
            var problems: [(Int, String)] = []
            for (i, item) in items.enumerated() where items[..<i].contains(item) {
                problems.append((i, "duplicate value \(YAMLValueWriter.inline(item)) in a set"))
            }
            return problems
        case "map":
            let keys = schema["x-kubernetes-list-map-keys"]?.list?.compactMap(\.string) ?? []
            guard !keys.isEmpty else { return [] }
            var seen: [[YAMLValue]] = []
            var problems: [(Int, String)] = []
            for (i, item) in items.enumerated() {
                guard let map = item.map else { continue }
                let key = keys.map { map[$0] ?? .null }
                if seen.contains(key) {
                    let described = zip(keys, key).map { "\($0)=\(YAMLValueWriter.inline($1))" }.joined(separator: ", ")
                    problems.append((i, "duplicate entry with \(described) in a map list"))
                }
                seen.append(key)
            }
            return problems
        default:
            return []
        }
    }
}
