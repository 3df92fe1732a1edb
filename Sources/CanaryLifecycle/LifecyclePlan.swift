import YAMLEditing
import YAMLStream

/// The outcome of planning one lifecycle operation: the byte edits and what they change.
public struct LifecyclePlan: Sendable {
    /// The operation.
    public let operation: LifecycleOperation
    /// Where the values are.
    public let location: ValuesLocation
    /// The state before the edits.
    public let before: CanaryState
    /// The state after the edits (checked by reading the edited stream back).
    public let after: CanaryState
    /// Non-overlapping byte edits; empty when nothing needs to change.
    public let edits: [ByteEdit]
    /// One line saying what happened, e.g. `step 2/4: canary gs://m-2 now gets 25% of the traffic (primaryLoad: 75)`.
    public let summary: String

    /// Creates a plan.
    public init(
        operation: LifecycleOperation, location: ValuesLocation, before: CanaryState, after: CanaryState,
        edits: [ByteEdit], summary: String
    ) {
        self.operation = operation
        self.location = location
        self.before = before
        self.after = after
        self.edits = edits
        self.summary = summary
    }

    /// Whether the file stays as it is.
    public var isUnchanged: Bool { edits.isEmpty }

    /// The edited stream.
    public func editedBytes() -> [UInt8] { EditApplier.apply(edits, to: location.document.source) }
}
