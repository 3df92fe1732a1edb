/// The canary percentages `step` walks through, e.g. 10, 25, 50, 100.
public struct StepSchedule: Sendable, Equatable, CustomStringConvertible {
    /// Canary percentages, strictly increasing, each from 1 to 100.
    public let percentages: [Int]

    /// 10, 25, 50, 100.
    public static let standard = try! StepSchedule([10, 25, 50, 100])

    /// Creates a schedule.
    /// - Throws: `LifecycleError` when it is empty, not strictly increasing or outside 1-100.
    public init(_ percentages: [Int]) throws(LifecycleError) {
        guard !percentages.isEmpty else {
            throw LifecycleError(.invalidValue, "the step schedule is empty; give canary percentages like 10,25,50,100")
        }
        for (i, p) in percentages.enumerated() {
            guard (1...100).contains(p) else {
                throw LifecycleError(.invalidValue, "step \(p) is outside 1-100")
            }
            if i > 0 && p <= percentages[i - 1] {
                throw LifecycleError(
                    .invalidValue, "steps must increase strictly, but \(p) follows \(percentages[i - 1])")
            }
        }
        self.percentages = percentages
    }

    /// Parses `10,25,50,100`.
    public init(parsing text: String) throws(LifecycleError) {
        var values: [Int] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            var trimmed = part
            while trimmed.first == " " { trimmed = trimmed.dropFirst() }
            while trimmed.last == " " { trimmed = trimmed.dropLast() }
            guard let value = Int(trimmed), trimmed.allSatisfy(\.isASCII) else {
                throw LifecycleError(
                    .invalidValue,
                    "invalid step `\(part)` in `\(text)`: give integers separated by commas, like 10,25,50,100")
            }
            values.append(value)
        }
        try self.init(values)
    }

    /// The first step greater than `canary` percent, or nil when `canary` is at or beyond the last
    /// step (then the next step promotes).
    public func next(after canary: Int) -> Int? { percentages.first { $0 > canary } }

    /// The 1-based number of the step equal to `canary`, if any.
    public func number(of canary: Int) -> Int? { percentages.firstIndex(of: canary).map { $0 + 1 } }

    /// `10,25,50,100`.
    public var description: String { percentages.map(String.init).joined(separator: ",") }
}
