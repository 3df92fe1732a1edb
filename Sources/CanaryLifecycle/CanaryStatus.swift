import YAMLStream

/// What is running, for `status`: URIs, weights and the position in the step schedule.
public struct CanaryStatus: Sendable, Equatable {
    /// 1-based number of the document holding the values.
    public var documentNumber: Int
    /// `HelmRelease namespace/name`, or nil for a values file.
    public var subject: String?
    /// Keys from the document root to the values.
    public var valuesPath: [String]
    /// The canary keys.
    public var state: CanaryState
    /// The schedule the step numbers refer to.
    public var schedule: StepSchedule
    /// Whether `primaryLoad` is written as a quoted string.
    public var primaryLoadIsQuoted: Bool

    /// Builds the status of `values`.
    public init(values: CanaryValues, schedule: StepSchedule) {
        documentNumber = values.location.document.number
        subject = values.location.subject
        valuesPath = values.location.path
        state = values.state
        self.schedule = schedule
        primaryLoadIsQuoted = values.primaryLoadIsQuoted
    }

    /// The 1-based step the canary weight equals, if it is one (nil also when no canary runs).
    public var step: Int? { state.isRunning ? schedule.number(of: state.canaryWeight) : nil }

    /// The canary weight the next `step` sets (nil when it promotes or no canary runs).
    public var nextStep: Int? { state.isRunning ? schedule.next(after: state.canaryWeight) : nil }

    /// Whether the next `step` promotes.
    public var nextPromotes: Bool { state.isRunning && nextStep == nil }

    /// Warnings: `primaryLoad` below 100 with no canary (the chart ignores it), or quoted (the
    /// chart's schema rejects a string).
    public var notes: [String] {
        var notes: [String] = []
        if primaryLoadIsQuoted, let load = state.primaryLoad {
            notes.append("primaryLoad is the string \"\(load)\"; kserve-general's schema wants an integer (the lifecycle commands write it plain)")
        }
        if !state.isRunning, let load = state.primaryLoad, load != 100 {
            notes.append("primaryLoad is \(load) but no canary is running; the chart sends all traffic to the primary")
        }
        return notes
    }

    /// Human-readable lines.
    public func table(file: String) -> String {
        let location = (subject.map { "document \(documentNumber) (\($0))" } ?? "document \(documentNumber)")
            + ", " + ValuesSelector.describe(valuesPath)
        var rows: [(String, String)] = [("FILE", file), ("VALUES", location)]
        rows.append(("STATE", state.isRunning ? "canary running" : "no canary"))
        rows.append(("PRIMARY", "\(state.primaryWeight)%  \(state.storageUri ?? "(no storageUri)")"))
        rows.append(("CANARY", state.isRunning ? "\(state.canaryWeight)%  \(state.newStorageUri!)" : "-"))
        rows.append(("PRIMARYLOAD", state.primaryLoad.map(String.init) ?? "not set (default 100)"))
        if state.isRunning {
            let at = step.map { "step \($0)/\(schedule.percentages.count)" } ?? "\(state.canaryWeight)% is not a step"
            let next = nextStep.map { "next step: \($0)%" } ?? "next step promotes"
            rows.append(("STEP", "\(at) of \(schedule); \(next)"))
        } else {
            rows.append(("STEP", "-"))
        }
        for note in notes { rows.append(("NOTE", note)) }
        let width = rows.map(\.0.count).max()! + 2
        return rows.map { $0.0 + String(repeating: " ", count: width - $0.0.count) + $0.1 }.joined(separator: "\n") + "\n"
    }

    /// One JSON object.
    public func json(file: String) -> String {
        let q = YAMLScalarFormatter.doubleQuoted
        func opt(_ s: String?) -> String { s.map(q) ?? "null" }
        func int(_ i: Int?) -> String { i.map(String.init) ?? "null" }
        let fields: [(String, String)] = [
            ("file", q(file)),
            ("document", String(documentNumber)),
            ("release", opt(subject.map { String($0.dropFirst("HelmRelease ".count)) })),
            ("valuesPath", q(ValuesSelector.describe(valuesPath))),
            ("running", String(state.isRunning)),
            ("storageUri", opt(state.storageUri)),
            ("newStorageUri", opt(state.newStorageUri)),
            ("primaryLoad", int(state.primaryLoad)),
            ("primaryWeight", String(state.primaryWeight)),
            ("canaryWeight", String(state.canaryWeight)),
            ("steps", "[" + schedule.percentages.map(String.init).joined(separator: ", ") + "]"),
            ("step", int(step)),
            ("nextStep", int(nextStep)),
            ("nextPromotes", String(nextPromotes)),
            ("notes", "[" + notes.map(q).joined(separator: ", ") + "]"),
        ]
        return "{\n" + fields.map { "  \(q($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }
}
