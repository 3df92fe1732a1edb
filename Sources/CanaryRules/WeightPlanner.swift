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
        for entry in remainders.sorted(by: { ($0.remainder, -$0.index) > ($1.remainder, -$1.index) }) where missing > 0 {
            result[entry.index] += 1
            missing -= 1
        }
        return result
    }
}
