/// How `args` must change so that it ends with exactly one `--model_name=<name>`.
struct ModelArgsPlan {
    /// Indexes (into the item list) to drop.
    var dropped: Set<Int>
    /// The one argument that must end the list.
    var modelNameArgument: String
    /// Whether the list already satisfies the rule.
    var isSatisfied: Bool
    /// Index of an existing last `--model_name=...` item that can simply be rewritten, if any.
    var rewriteLast: Int?

    /// Plans the change for the given argument values.
    init(items: [String], modelName: String) {
        modelNameArgument = "--model_name=" + modelName
        var dropped = Set<Int>()
        var i = 0
        while i < items.count {
            let item = items[i]
            if item.hasPrefix("--model_name=") {
                dropped.insert(i)
            } else if item == "--model_name" {
                dropped.insert(i)
                if i + 1 < items.count { dropped.insert(i + 1); i += 1 }
            }
            i += 1
        }
        isSatisfied = items.last == modelNameArgument && dropped == [items.count - 1]
        if let last = items.indices.last, items[last].hasPrefix("--model_name="), dropped.subtracting([last]).isEmpty {
            rewriteLast = last
        }
        self.dropped = dropped
    }
}
