import CanaryLifecycle

/// `advance`'s settings.
public struct AdvanceSettings: Sendable, Equatable {
    /// Canary percentages; the step after the last promotes. Default 10,25,50: the analysis
    /// compares with the primary, which gets no traffic at 100 %.
    public var schedule: StepSchedule
    /// Failed analyses after which the canary is rolled back (`--max-failures`, default 3).
    public var maxFailures: Int
    /// Seconds a step must soak before the next (`--min-step-interval`, default 10m).
    public var minStepInterval: Double

    /// 10,25,50.
    public static let standardSchedule = try! StepSchedule([10, 25, 50])

    /// Creates settings: by default 10,25,50; 3 failures; 10 minutes.
    public init(schedule: StepSchedule = standardSchedule, maxFailures: Int = 3, minStepInterval: Double = 600) {
        self.schedule = schedule
        self.maxFailures = maxFailures
        self.minStepInterval = minStepInterval
    }
}

/// What `advance` decided.
public enum AdvanceDecision: String, Sendable, Codable {
    /// No canary is running; nothing to do.
    case idle
    /// The next step of the schedule.
    case step
    /// The step after the last: promoted.
    case promote
    /// Passed, but held (soaking, or the gate said no).
    case hold
    /// Failed; the failure is recorded.
    case countFailure = "count-failure"
    /// Failed for the `maxFailures`-th time: rolled back.
    case rollback
    /// Inconclusive: nothing changes.
    case wait
}
