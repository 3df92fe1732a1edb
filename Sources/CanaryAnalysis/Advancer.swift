import CanaryLifecycle
import YAMLStream

/// `advance`'s settings.
public struct AdvanceSettings: Sendable, Equatable {
    /// Canary percentages; the step after the last promotes. Default 10,25,50: the analysis
    /// compares with the primary, which gets no traffic at 100 %.
    public var schedule: StepSchedule
    /// Failed analyses after which the canary is rolled back (`--max-failures`, default 3).
    public var maxFailures: Int
    /// Seconds a step must soak before the next (`--min-step-interval`, default 10m).
    public var minStepInterval: Double

    /// 10,25,50; 3 failures; 10 minutes.
    public static let standardSchedule = try! StepSchedule([10, 25, 50])

    /// Creates settings.
    public init(schedule: StepSchedule = standardSchedule, maxFailures: Int = 3, minStepInterval: Double = 600) {
        self.schedule = schedule
        self.maxFailures = maxFailures
        self.minStepInterval = minStepInterval
    }
}

/// What `advance` decided.
public enum AdvanceDecision: String, Sendable {
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

/// Asks before traffic increases (`--gate URL`). Returns nil when traffic may increase, else why not.
public protocol TrafficGate: Sendable {
    /// Asks about moving `workloads`' canary from `from` to `to` percent (100 with `promote`).
    func confirm(workloads: CanaryWorkloads, from: Int, to: Int, promote: Bool, report: AnalysisReport) async -> String?
}

/// The decision policy and the edits that carry it out, atomically and verified.
public struct Advancer: Sendable {
    /// Which values mapping to use.
    public var selector: ValuesSelector
    /// Schedule, failure limit, soak time.
    public var settings: AdvanceSettings

    /// Creates an advancer.
    public init(selector: ValuesSelector, settings: AdvanceSettings) {
        self.selector = selector
        self.settings = settings
    }

    /// Reads `source`, asks `analyze` for a report (not called when no canary runs), decides,
    /// consults `gate` before traffic increases, and plans the edits (not written here).
    public func advance(source: SourceBuffer, at now: Instant, gate: (any TrafficGate)?,
                        analyze: (CanaryValues) async throws(AnalysisError) -> AnalysisReport) async throws(AnalysisError) -> AdvanceOutcome {
        let planner = LifecyclePlanner(selector: selector)
        let values: CanaryValues
        do { values = try planner.read(source) } catch { throw .file(error) }
        let store = AdvanceStateStore(location: values.location)
        var recorded = try store.read()
        let canary = values.state.newStorageUri ?? ""
        guard values.state.isRunning else {
            return AdvanceOutcome(decision: .idle, summary: "no canary is running; nothing to advance", report: nil,
                                  before: recorded, after: recorded, edits: [], weightBefore: 0, weightAfter: 0)
        }
        var notes: [String] = []
        if recorded.canary != canary && !recorded.isEmpty {
            notes.append("ignoring state recorded for \(recorded.canary ?? "an unnamed canary")")
            recorded = AdvanceState()
        }
        let report = try await analyze(values)
        let verdict = report.verdict
        let weight = values.state.canaryWeight
        var state = recorded
        state.canary = canary
        var operation: LifecycleOperation?
        var decision: AdvanceDecision
        var because = ""
        switch verdict.result {
        case .pass:
            let next = settings.schedule.next(after: weight)
            if let last = recorded.lastStep, now.seconds - last.seconds < settings.minStepInterval {
                decision = .hold
                because = "hold: the last step was \(PromDuration.describe(seconds: max(0, now.seconds - last.seconds))) ago, "
                    + "less than --min-step-interval \(PromDuration.describe(seconds: settings.minStepInterval))"
            } else if let refusal = await gate?.confirm(workloads: report.workloads, from: weight, to: next ?? 100,
                                                         promote: next == nil, report: report) {
                decision = .hold
                because = "hold: \(refusal)"
            } else {
                decision = next == nil ? .promote : .step
                operation = .step(settings.schedule)
                state.lastStep = now
                if next == nil { state = AdvanceState() }
            }
        case .fail:
            state.failures = recorded.failures + 1
            if state.failures >= settings.maxFailures {
                decision = .rollback
                operation = .rollback
                because = "failure \(state.failures)/\(settings.maxFailures): "
                state = AdvanceState()
            } else {
                decision = .countFailure
                because = "failure \(state.failures)/\(settings.maxFailures) recorded; rollback at \(settings.maxFailures)"
            }
        default:
            decision = .wait
            because = "nothing changes"
        }
        var edits: [ByteEdit] = []
        var after = values.state
        if let operation {
            let plan: LifecyclePlan
            do { plan = try planner.plan(operation, source: source) } catch { throw .file(error) }
            edits = plan.edits
            after = plan.after
            because += plan.summary
        }
        let finalState = decision == .wait || decision == .hold ? recorded : state
        if decision != .wait && decision != .hold && finalState != recorded {
            edits += try store.edits(for: finalState)
        }
        try verify(source: source, edits: edits, lifecycle: after, state: finalState, location: values.location)
        let summary = "\(verdict.result.rawValue) (\(verdict.result == .pass ? verdict.numbers : verdict.reason)); "
            + because + notes.map { " (\($0))" }.joined()
        return AdvanceOutcome(decision: decision, summary: summary, report: report, before: recorded, after: finalState,
                              edits: edits, weightBefore: weight, weightAfter: after.canaryWeight)
    }

    /// Reads the edited bytes back: the same document, the lifecycle state planned, the state recorded.
    func verify(source: SourceBuffer, edits: [ByteEdit], lifecycle: CanaryState, state: AdvanceState,
                location: ValuesLocation) throws(AnalysisError) {
        if edits.isEmpty { return }
        guard EditApplier.ordered(edits) != nil else {
            throw .file(LifecycleError(.invalidValue, mark: nil, "the step and the analysis state would edit the same lines; nothing was written"))
        }
        let edited = SourceBuffer(bytes: EditApplier.apply(edits, to: source))
        let values: CanaryValues
        let readState: AdvanceState
        do {
            values = try LifecyclePlanner(selector: selector).read(edited)
            readState = try AdvanceStateStore(location: values.location).read()
        } catch {
            throw .file(LifecycleError(.invalidValue, mark: nil, "internal error: the edited file would not read back (\(error)); nothing was written"))
        }
        guard values.location.document.number == location.document.number, values.state == lifecycle,
              readState == state || (readState.isEmpty && state.isEmpty) else {
            throw .file(LifecycleError(.invalidValue, mark: nil, "internal error: the edited file would read back as \(values.state), \(readState); nothing was written"))
        }
    }
}

/// The decision, its edits and a one-line summary.
public struct AdvanceOutcome: Sendable {
    /// What was decided.
    public var decision: AdvanceDecision
    /// One line: verdict, numbers and what happened.
    public var summary: String
    /// The analysis (nil when idle).
    public var report: AnalysisReport?
    /// The state read from the file, and the state after the edits.
    public var before: AdvanceState, after: AdvanceState
    /// The edits to write (empty: the file stays as it is).
    public var edits: [ByteEdit]
    /// Canary weight before and after.
    public var weightBefore: Int, weightAfter: Int

    /// `advance --output json`: one object on one line.
    public func json(file: String, dryRun: Bool, maxFailures: Int) -> JSONText {
        func state(_ s: AdvanceState) -> JSONText {
            .object([("canary", .optional(s.canary)), ("failures", .integer(s.failures)),
                     ("lastStep", .optional(s.lastStep?.rfc3339))])
        }
        return .object([
            ("file", .string(file)),
            ("decision", .string(decision.rawValue)),
            ("verdict", report.map { .string($0.verdict.result.rawValue) } ?? .null),
            ("summary", .string(summary)),
            ("changed", .bool(!edits.isEmpty)),
            ("dryRun", .bool(dryRun)),
            ("canaryWeight", .integer(weightBefore)),
            ("nextCanaryWeight", .integer(weightAfter)),
            ("failures", .integer(after.failures)),
            ("maxFailures", .integer(maxFailures)),
            ("stateBefore", state(before)),
            ("stateAfter", state(after)),
            ("analysis", report?.json ?? .null),
        ])
    }
}
