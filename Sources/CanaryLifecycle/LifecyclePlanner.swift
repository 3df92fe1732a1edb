import Platform
import YAMLEditing
import YAMLReadBack
import YAMLSource
import YAMLStream
import YAMLValues

/// Plans lifecycle operations on a file's bytes: finds the values, checks the operation is
/// allowed, computes surgical edits and verifies them by reading the edited stream back.
///
/// Rules (a refusal throws `LifecycleError` and plans nothing):
/// - `start`: refused while a canary runs, or when the URI is empty or equals `storageUri`.
/// - `set-weight`: refused when no canary runs, except for 0 (which sets `primaryLoad: 100`).
/// - `step`, `promote`, `rollback`: refused when no canary runs.
/// - A missing `primaryLoad` counts as 100 (kserve-general's default); it is inserted, as the
///   first entry of the values, only when another value is needed.
public struct LifecyclePlanner: Sendable {
    /// Which values mapping to use.
    public var selector: ValuesSelector

    /// Creates a planner.
    public init(selector: ValuesSelector = ValuesSelector()) { self.selector = selector }

    /// Locates and reads the canary values of `source`.
    /// - Throws: `LifecycleError` also when `primaryLoad` is not a number from 0 to 100 (written as
    ///   a string is accepted here: the commands that set it repair it).
    public func read(_ source: SourceBuffer) throws(LifecycleError) -> CanaryValues {
        let values = try CanaryValues.read(ValuesLocator.locate(in: source, selector: selector))
        if case .invalid(let error) = values.primaryLoadProblem { throw error }
        return values
    }

    /// The status of `source` with `schedule` for the step numbers.
    /// - Throws: `LifecycleError` also when `primaryLoad` is not a value kserve-general accepts
    ///   (then the chart renders nothing, so there are no weights to report).
    public func status(_ source: SourceBuffer, schedule: StepSchedule = .standard) throws(LifecycleError)
        -> CanaryStatus
    {
        let values = try read(source)
        try checkPrimaryLoad(values)
        return CanaryStatus(values: values, schedule: schedule)
    }

    private func checkPrimaryLoad(_ values: CanaryValues) throws(LifecycleError) {
        if let problem = values.primaryLoadProblem { throw problem.error }
    }

    /// Plans `operation` on `source` (on a stack deep enough for the deepest document accepted).
    public func plan(_ operation: LifecycleOperation, source: SourceBuffer) throws(LifecycleError) -> LifecyclePlan {
        try DeepStack.run { () -> Result<LifecyclePlan, LifecycleError> in
            do throws(LifecycleError) { return .success(try planOnDeepStack(operation, source: source)) } catch {
                return .failure(error)
            }
        }.get()
    }

    private func planOnDeepStack(_ operation: LifecycleOperation, source: SourceBuffer) throws(LifecycleError)
        -> LifecyclePlan
    {
        let values = try read(source)
        let state = values.state
        var editor = ValuesEditor(values)
        let summary: String
        switch operation {
        case .start(let uri, let canary):
            try checkWeight(canary)
            if state.isRunning {
                throw LifecycleError(
                    .refused, mark: mark(values),
                    """
                    a canary is already running (newStorageUri: \(state.newStorageUri!), \
                    \(state.canaryWeight)% of the traffic); promote it, roll it back or change its weight with \
                    set-weight
                    """
                )
            }
            guard !uri.isEmpty else {
                throw LifecycleError(.invalidValue, "the new storage URI is empty")
            }
            if uri == state.storageUri {
                throw LifecycleError(
                    .refused, mark: values.storageUri.map { values.location.document[$0.written].mark },
                    "\(uri) is already the primary's storageUri; a canary needs a different model")
            }
            try editor.setNewStorageUri(uri)
            try editor.setPrimaryLoad(100 - canary)
            summary = "started canary \(uri) with \(canary)% of the traffic (primaryLoad: \(100 - canary))"
        case .setWeight(let canary):
            try checkWeight(canary)
            if !state.isRunning {
                guard canary == 0 else { throw notRunning(values, "give it traffic") }
                try editor.setPrimaryLoad(100)
                summary = "no canary is running; primaryLoad: 100"
            } else {
                try editor.setPrimaryLoad(100 - canary)
                summary = "canary \(state.newStorageUri!) gets \(canary)% of the traffic (primaryLoad: \(100 - canary))"
            }
        case .step(let schedule):
            guard state.isRunning else { throw notRunning(values, "step") }
            if let next = schedule.next(after: state.canaryWeight) {
                try editor.setPrimaryLoad(100 - next)
                summary =
                    """
                    step \(schedule.number(of: next)!)/\(schedule.percentages.count): \
                    canary \(state.newStorageUri!) gets \(next)% of the traffic (primaryLoad: \(100 - next))
                    """
            } else {
                try promote(&editor)
                summary =
                    """
                    last step (\(schedule.percentages.last!)%) done; promoted \(state.newStorageUri!): \
                    storageUri updated, newStorageUri removed, primaryLoad: 100
                    """
            }
        case .promote:
            guard state.isRunning else { throw notRunning(values, "promote") }
            try promote(&editor)
            summary =
                "promoted \(state.newStorageUri!)" + (state.storageUri.map { " (replacing \($0))" } ?? "")
                + ": storageUri updated, newStorageUri removed, primaryLoad: 100"
        case .rollback:
            guard state.isRunning else { throw notRunning(values, "roll back") }
            try editor.removeNewStorageUri()
            try editor.setPrimaryLoad(100)
            summary =
                "rolled back canary \(state.newStorageUri!): newStorageUri removed, primaryLoad: 100"
                + (state.storageUri.map { "; the primary keeps \($0)" } ?? "")
        }
        let plan = LifecyclePlan(
            operation: operation, location: values.location, before: state, after: editor.after,
            edits: editor.editor.edits, summary: editor.editor.edits.isEmpty ? "unchanged: " + summary : summary)
        try verify(plan, changes: editor.changes)
        return plan
    }

    private func promote(_ editor: inout ValuesEditor) throws(LifecycleError) {
        try editor.promoteNewStorageUri()
        try editor.setPrimaryLoad(100)
    }

    private func checkWeight(_ canary: Int) throws(LifecycleError) {
        guard (0...100).contains(canary) else {
            throw LifecycleError(.invalidValue, "the canary weight must be an integer from 0 to 100, got \(canary)")
        }
    }

    /// Where a refusal about the canary points: `newStorageUri`, else `storageUri`, else the values.
    private func mark(_ values: CanaryValues) -> YAMLMark {
        let doc = values.location.document
        if let e = values.newStorageUri {
            return doc[e.written].start == doc[e.written].end ? doc[e.key].mark : doc[e.written].mark
        }
        if let e = values.storageUri { return doc[e.key].mark }
        return doc[values.location.mapping].mark
    }

    private func notRunning(_ values: CanaryValues, _ verb: String) -> LifecycleError {
        let why = values.newStorageUri == nil ? "no newStorageUri" : "newStorageUri is empty"
        return LifecycleError(
            .refused, mark: mark(values),
            "no canary is running (\(why)); nothing to \(verb). Start one with `kserve-canary start FILE --uri URI`")
    }

    /// Reads the edited stream back: the edited document must read, as kubectl reads it, exactly as
    /// the input with the planned changes, and the lifecycle must find the same document and `plan.after`.
    private func verify(_ plan: LifecyclePlan, changes: [ReadBack.Change]) throws(LifecycleError) {
        if plan.edits.isEmpty { return }
        guard EditApplier.ordered(plan.edits) != nil else {
            throw LifecycleError(.internalError, "internal error: the planned edits overlap; nothing was written")
        }
        if let problem = ReadBack.difference(plan.location.document, edits: plan.edits, changes: changes) {
            throw LifecycleError(
                .internalError,
                "internal error: the edited file would not read back as intended (\(problem)); nothing was written")
        }
        let edited = SourceBuffer(bytes: plan.editedBytes())
        let values: CanaryValues
        do {
            values = try read(edited)
        } catch {
            throw LifecycleError(
                .internalError, "internal error: the edited file would not read back (\(error)); nothing was written")
        }
        guard values.location.document.number == plan.location.document.number, values.state == plan.after else {
            throw LifecycleError(
                .internalError,
                """
                internal error: the edited file would read back as \(values.state), not \(plan.after); \
                nothing was written
                """
            )
        }
    }
}
