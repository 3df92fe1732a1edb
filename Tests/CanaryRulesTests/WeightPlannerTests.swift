import CanaryRules
import PropertyBased
import Testing

@Suite("WeightPlanner")
struct WeightPlannerTests {
    @Test(arguments: [
        ([60, 40], [60, 40]), ([2, 1], [67, 33]), ([1, 1, 1], [34, 33, 33]), ([0, 5], [0, 100]), ([3, 0], [100, 0]),
    ])
    func examples(_ input: [Int], _ expected: [Int]) {
        #expect(WeightPlanner.normalize(input) == expected)
    }

    @Test func zeroTotalIsRefused() {
        #expect(WeightPlanner.normalize([0, 0]) == nil)
    }

    @Test func alwaysSumsTo100AndStaysWithinOneOfTheExactShare() async {
        await propertyCheck(input: Gen.int(in: 0...1_000).array(of: 1...5)) { weights in
            guard let result = WeightPlanner.normalize(weights) else {
                #expect(weights.reduce(0, +) == 0)
                return
            }
            #expect(result.reduce(0, +) == 100)
            let total = Double(weights.reduce(0, +))
            for (w, r) in zip(weights, result) {
                #expect(abs(Double(w) * 100 / total - Double(r)) < 1)
            }
        }
    }
}
