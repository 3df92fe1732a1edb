/// What is running, for `status`: URIs, weights and the position in the step schedule.
public struct CanaryStatus: Sendable, Equatable {
    /// 1-based number of the document holding the values.
    public var documentNumber: Int
    /// The Flux HelmRelease holding the values, or nil for a values file.
    public var release: ReleaseIdentity?
    /// Keys from the document root to the values.
    public var valuesPath: [String]
    /// The canary keys.
    public var state: CanaryState
    /// The schedule the step numbers refer to.
    public var schedule: StepSchedule

    /// Builds the status of `values`.
    public init(values: CanaryValues, schedule: StepSchedule) {
        documentNumber = values.location.document.number
        release = values.location.release
        valuesPath = values.location.path
        state = values.state
        self.schedule = schedule
    }

    /// The 1-based step the canary weight equals, if it is one (nil also when no canary runs).
    public var step: Int? { state.isRunning ? schedule.number(of: state.canaryWeight) : nil }

    /// The canary weight the next `step` sets (nil when it promotes or no canary runs).
    public var nextStep: Int? { state.isRunning ? schedule.next(after: state.canaryWeight) : nil }

    /// Whether the next `step` promotes.
    public var nextPromotes: Bool { state.isRunning && nextStep == nil }

    /// Warnings: `primaryLoad` below 100 with no canary (the chart ignores it).
    public var notes: [String] {
        var notes: [String] = []
        if !state.isRunning, let load = state.primaryLoad, load != 100 {
            notes.append("primaryLoad is \(load) but no canary is running; the chart sends all traffic to the primary")
        }
        return notes
    }

    /// The `status --output json` object for `file`.
    public func report(file: String) -> Report { Report(file: file, status: self) }

    /// The JSON shape of `status --output json`: every key always present (null when unset).
    public struct Report: Encodable, Sendable {
        let file: String
        let status: CanaryStatus

        private enum Key: String, CodingKey {
            case file, document, release, releaseNamespace, releaseName, valuesPath, running, storageUri, newStorageUri
            case primaryLoad, primaryWeight, canaryWeight, steps, step, nextStep, nextPromotes, notes
        }

        /// Encodes the report.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            let s = status
            try c.encode(file, forKey: .file)
            try c.encode(s.documentNumber, forKey: .document)
            try c.encode(s.release.map { ($0.namespace.map { "\($0)/" } ?? "") + $0.name }, forKey: .release)
            try c.encode(s.release?.namespace, forKey: .releaseNamespace)
            try c.encode(s.release?.name, forKey: .releaseName)
            try c.encode(ValuesSelector.describe(s.valuesPath), forKey: .valuesPath)
            try c.encode(s.state.isRunning, forKey: .running)
            try c.encode(s.state.storageUri, forKey: .storageUri)
            try c.encode(s.state.newStorageUri, forKey: .newStorageUri)
            try c.encode(s.state.primaryLoad, forKey: .primaryLoad)
            try c.encode(s.state.primaryWeight, forKey: .primaryWeight)
            try c.encode(s.state.canaryWeight, forKey: .canaryWeight)
            try c.encode(s.schedule.percentages, forKey: .steps)
            try c.encode(s.step, forKey: .step)
            try c.encode(s.nextStep, forKey: .nextStep)
            try c.encode(s.nextPromotes, forKey: .nextPromotes)
            try c.encode(s.notes, forKey: .notes)
        }
    }
}
