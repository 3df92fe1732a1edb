import KServeCanaryModel

/// Integer percentages from arbitrary non-negative weights.
public enum WeightPlanner {
    /// Scales `weights` (total > 0) to integers summing to exactly 100 by the largest-remainder
    /// method; ties go to the earlier destination. Returns nil when the total is 0.
    public static func normalize(_ weights: [Int]) -> [Int]? {
        let total = weights.reduce(0, +)
        guard total > 0 else { return nil }
        var result = weights.map { $0 * 100 / total }
        let remainders = weights.enumerated().map { (index: $0.offset, remainder: $0.element * 100 % total) }
        var missing = 100 - result.reduce(0, +)
        for entry in remainders.sorted(by: { ($0.remainder, -$0.index) > ($1.remainder, -$1.index) }) where missing > 0
        {
            result[entry.index] += 1
            missing -= 1
        }
        return result
    }
}

/// The `args` rule: every `--model_name=X` and `--model_name X` removed (X only when it is not an
/// option itself), then exactly one `--model_name=<name>` at the end.
public enum ModelArgsRule {
    /// The arguments after the rule.
    public static func apply(_ items: [String], modelName: String) -> [String] {
        keptIndexes(items).map { items[$0] } + [ModelValues.modelNameArgument(modelName)]
    }

    /// Indexes of the items the rule keeps, in order.
    public static func keptIndexes(_ items: [String]) -> [Int] {
        let flag = ModelValues.modelNameFlag
        var kept: [Int] = []
        var i = 0
        while i < items.count {
            let item = items[i]
            if item.hasPrefix(flag + "=") {
                i += 1
            } else if item == flag {
                i += i + 1 < items.count && !items[i + 1].hasPrefix("-") ? 2 : 1
            } else {
                kept.append(i)
                i += 1
            }
        }
        return kept
    }
}
