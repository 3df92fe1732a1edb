/// A change to a canary's values.
public enum LifecycleOperation: Sendable, Equatable {
    /// Begin a canary serving `uri` with `canary` percent of the traffic.
    case start(uri: String, canary: Int)
    /// Give the running canary `canary` percent of the traffic.
    case setWeight(canary: Int)
    /// Move to the next step of the schedule; after the last step, promote.
    case step(StepSchedule)
    /// Make the canary the primary: `storageUri := newStorageUri`, remove `newStorageUri`, `primaryLoad: 100`.
    case promote
    /// Drop the canary: remove `newStorageUri`, `primaryLoad: 100`.
    case rollback

    /// The command name (`start`, `set-weight`, ...).
    public var name: String {
        switch self {
        case .start: "start"
        case .setWeight: "set-weight"
        case .step: "step"
        case .promote: "promote"
        case .rollback: "rollback"
        }
    }
}
