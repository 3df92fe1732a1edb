/// The result of one check.
public enum CheckResult: String, Sendable, Equatable, Codable {
    /// The check holds.
    case pass
    /// The canary is worse than allowed.
    case fail
    /// Not enough evidence either way (no traffic, weight not applied, no data).
    case inconclusive
    /// The check does not apply at this weight.
    case skipped
}

/// What one check found: values for canary and primary, the threshold, the queries.
public struct CheckOutcome: Sendable, Equatable, Codable {
    /// `enough-traffic`, `split`, `errors`, `latency`, `readiness`, or a custom check's name.
    public var name: String
    /// The result.
    public var result: CheckResult
    /// The canary's value (nil without data or when skipped).
    public var canary: Double?
    /// The primary's value, when the check reads one.
    public var primary: Double?
    /// The bound the canary value is held to (nil when none applies).
    public var threshold: Double?
    /// Unit of the three values: `requests`, `%`, `ms`, `replicas`, or a custom check's unit.
    public var unit: String
    /// The condition in words, e.g. `canary <= primary + 1`.
    public var condition: String
    /// Why the result is what it is.
    public var detail: String
    /// The canary's PromQL, rendered.
    public var query: String
    /// The primary's PromQL, rendered, when the check reads one.
    public var primaryQuery: String?

    /// Creates an outcome.
    public init(
        name: String, result: CheckResult, canary: Double? = nil, primary: Double? = nil,
        threshold: Double? = nil, unit: String, condition: String, detail: String,
        query: String, primaryQuery: String? = nil
    ) {
        self.name = name
        self.result = result
        self.canary = canary
        self.primary = primary
        self.threshold = threshold
        self.unit = unit
        self.condition = condition
        self.detail = detail
        self.query = query
        self.primaryQuery = primaryQuery
    }

    enum CodingKeys: String, CodingKey {
        case name, result, canary, primary, threshold, query, primaryQuery, unit, condition, detail
    }

    /// Every key (absent values as `null`, never left out); numbers rounded to 6 decimals.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(result, forKey: .result)
        try c.encode(NumberText.json(canary), forKey: .canary)
        try c.encode(NumberText.json(primary), forKey: .primary)
        try c.encode(NumberText.json(threshold), forKey: .threshold)
        try c.encode(query, forKey: .query)
        try c.encode(primaryQuery, forKey: .primaryQuery)
        try c.encode(unit, forKey: .unit)
        try c.encode(condition, forKey: .condition)
        try c.encode(detail, forKey: .detail)
    }
}
