import CanaryAnalysis
import CanaryLifecycle
import CanaryQueries
import YAMLEditing
import YAMLSource
import YAMLStream

/// The decision policy and the edits that carry it out, atomically and verified.
///
/// pass: the next step of the schedule (the step after the last promotes), unless the last step
/// is younger than `minStepInterval` or the gate refuses: then hold. fail: one more failure; at
/// `maxFailures`, rollback. inconclusive: nothing changes.
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
    public func advance(
        source: SourceBuffer, at now: Instant, gate: (any TrafficGate)?,
        analyze: (CanaryValues) async throws(AnalysisError) -> AnalysisReport
    ) async throws(AnalysisError) -> AdvanceOutcome {
        let planner = LifecyclePlanner(selector: selector)
        let values: CanaryValues
        do { values = try planner.read(source) } catch { throw .file(error) }
        let store = AdvanceStateStore(location: values.location)
        var recorded = try store.read()
        guard values.state.isRunning else {
            return AdvanceOutcome(
                decision: .idle, summary: "no canary is running; nothing to advance", report: nil,
                before: recorded, after: recorded, edits: [], weightBefore: 0, weightAfter: 0)
        }
        let canary = values.state.newStorageUri ?? ""
        var notes: [String] = []
        if recorded.canary != canary && !recorded.isEmpty {
            notes.append("ignoring state recorded for \(recorded.canary ?? "an unnamed canary")")
            recorded = AdvanceState()
        }
        let report = try await analyze(values)
        let weight = values.state.canaryWeight
        let step = await decide(
            report: report, weight: weight, recorded: recorded, canary: canary, now: now,
            gate: gate)
        var edits: [ByteEdit] = []
        var after = values.state
        var because = step.because
        if let operation = step.operation {
            let plan: LifecyclePlan
            do { plan = try planner.plan(operation, source: source) } catch { throw .file(error) }
            edits = plan.edits
            after = plan.after
            because += plan.summary
        }
        if step.state != recorded { edits += try store.edits(for: step.state) }
        try verify(source: source, edits: edits, lifecycle: after, state: step.state, location: values.location)
        let verdict = report.verdict
        let summary =
            "\(verdict.result.rawValue) (\(verdict.result == .pass ? verdict.numbers : verdict.reason)); "
            + because + notes.map { " (\($0))" }.joined()
        return AdvanceOutcome(
            decision: step.decision, summary: summary, report: report, before: recorded,
            after: step.state, edits: edits, weightBefore: weight, weightAfter: after.canaryWeight)
    }

    /// A decision before its edits: the lifecycle operation, the state to record, why.
    struct Step {
        var decision: AdvanceDecision
        var operation: LifecycleOperation?
        var state: AdvanceState
        var because: String
    }

    /// Decides on `report` of the canary `canary` at `weight`, with `recorded` the state read
    /// (already reset when stale). Hold and wait keep `recorded` as it is.
    func decide(
        report: AnalysisReport, weight: Int, recorded: AdvanceState, canary: String, now: Instant,
        gate: (any TrafficGate)?
    ) async -> Step {
        var state = recorded
        state.canary = canary
        let maxFailures = settings.maxFailures
        switch report.verdict.result {
        case .pass:
            let next = settings.schedule.next(after: weight)
            if let last = recorded.lastStep, now.seconds - last.seconds < settings.minStepInterval {
                let age = PromDuration.describe(seconds: max(0, now.seconds - last.seconds))
                let interval = PromDuration.describe(seconds: settings.minStepInterval)
                return Step(
                    decision: .hold, state: recorded,
                    because: "hold: the last step was \(age) ago, less than --min-step-interval \(interval)")
            }
            if let refusal = await gate?.confirm(
                workloads: report.workloads, from: weight, to: next ?? 100,
                promote: next == nil, report: report)
            {
                return Step(decision: .hold, state: recorded, because: "hold: \(refusal)")
            }
            state.lastStep = now
            return Step(
                decision: next == nil ? .promote : .step, operation: .step(settings.schedule),
                state: next == nil ? AdvanceState() : state, because: "")
        case .fail:
            state.failures = recorded.failures + 1
            if state.failures >= maxFailures {
                return Step(
                    decision: .rollback, operation: .rollback, state: AdvanceState(),
                    because: "failure \(state.failures)/\(maxFailures): ")
            }
            return Step(
                decision: .countFailure, state: state,
                because: "failure \(state.failures)/\(maxFailures) recorded; rollback at \(maxFailures)")
        default:
            return Step(decision: .wait, state: recorded, because: "nothing changes")
        }
    }

    /// Reads the edited bytes back: the same document, the lifecycle state planned, the state recorded.
    func verify(
        source: SourceBuffer, edits: [ByteEdit], lifecycle: CanaryState, state: AdvanceState,
        location: ValuesLocation
    ) throws(AnalysisError) {
        if edits.isEmpty { return }
        guard EditApplier.ordered(edits) != nil else {
            throw .file(
                LifecycleError(
                    .internalError,
                    "the step and the analysis state would edit the same lines; "
                        + "nothing was written"))
        }
        let edited = SourceBuffer(bytes: EditApplier.apply(edits, to: source))
        let values: CanaryValues
        let readState: AdvanceState
        do {
            values = try LifecyclePlanner(selector: selector).read(edited)
            readState = try AdvanceStateStore(location: values.location).read()
        } catch {
            throw .file(
                LifecycleError(
                    .internalError,
                    "internal error: the edited file would not read back "
                        + "(\(error)); nothing was written"))
        }
        guard values.location.document.number == location.document.number, values.state == lifecycle,
            readState == state || (readState.isEmpty && state.isEmpty)
        else {
            throw .file(
                LifecycleError(
                    .internalError,
                    "internal error: the edited file would read back as "
                        + "\(values.state), \(readState); nothing was written"))
        }
    }
}
