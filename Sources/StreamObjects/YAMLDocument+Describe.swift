import YAMLStream
import YAMLValues

extension YAMLDocument {
    /// What node `id` holds, for messages: `a mapping`, `a list`, or the scalar's value as
    /// kubectl reads it (`the string "60"`, `the integer 48`).
    package func describeValue(_ id: YAMLNodeID) -> String {
        let node = resolve(id)
        switch self[node].kind {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an undefined alias"
        case .scalar: return (try? scalarValue(node)).map(\.description) ?? "an unreadable scalar"
        }
    }
}
