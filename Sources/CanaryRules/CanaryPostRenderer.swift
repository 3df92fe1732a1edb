import CanaryGroups
import Platform
import StreamObjects
import YAMLEditing
import YAMLReadBack
import YAMLSource
import YAMLStream

/// Applies the canary rules to a rendered kserve-general stream.
///
/// A canary group is a Flux HelmRelease `<name>-primary`, optionally `<name>-canary`, and the
/// VirtualService(s) routing to `<name>-primary-predictor` / `<name>-canary-predictor`, read the
/// way kubectl reads them. For each group:
/// 1. both releases' `spec.values.inferenceservice.predictor.model.args` end with exactly one
///    `--model_name=<name>`;
/// 2. the primary keeps `storageUri`, the canary's `storageUri` becomes its `newStorageUri`, and
///    `newStorageUri` is removed from both;
/// 3. VirtualService weights are checked (`strict`), normalized, or set from `primaryLoad`.
/// Every other byte of the stream is left alone, every edited document is read back before
/// anything is written, and the result is idempotent.
public struct CanaryPostRenderer: Sendable {
    /// The run's settings.
    public var options: CanaryOptions
    /// The YAML parser settings.
    public var parser: YAMLStreamParser

    /// Creates a post-renderer.
    public init(options: CanaryOptions = CanaryOptions(), parser: YAMLStreamParser = YAMLStreamParser()) {
        self.options = options
        self.parser = parser
    }

    /// Reads `source`, checks the rules, plans the edits and verifies them (on stacks deep enough
    /// for the deepest document accepted).
    public func run(_ source: SourceBuffer) -> PostRenderResult {
        DeepStack.run { runOnDeepStack(source) }
    }

    private func runOnDeepStack(_ source: SourceBuffer) -> PostRenderResult {
        let stream = CanaryStreamReader.read(
            source, options: options, parser: parser, process: ReleaseProcessor.process)
        let plan = CanaryPlanner.plan(stream, options: options)
        var diagnostics = stream.problems + plan.problems
        var weightEdits: [Int: [ByteEdit]] = [:]
        if diagnostics.isEmpty {
            for target in plan.routes {
                do throws(YAMLEditError) {
                    weightEdits[target.service.documentNumber, default: []] += try WeightEdits(target: target).plan()
                } catch {
                    diagnostics.append(
                        target.service.object.problem(
                            error.mark,
                            "cannot write the weights of \(target.route.label) in place: \(error.message)"))
                }
            }
        }
        let edits = plan.releases.flatMap(\.edits) + weightEdits.values.flatMap { $0 }
        if diagnostics.isEmpty && EditApplier.ordered(edits) == nil {
            diagnostics.append(
                Diagnostic(
                    mark: YAMLMark(offset: 0, line: 1, column: 1), documentNumber: 1, subject: nil,
                    message: "internal error: overlapping edits; please report this input"))
        }
        if diagnostics.isEmpty && !edits.isEmpty {
            diagnostics += PostRenderReadBack.verify(
                releases: plan.releases, pending: stream.pending, routes: plan.routes,
                weightEdits: weightEdits)
        }
        diagnostics.sort { ($0.mark.offset, $0.documentNumber) < ($1.mark.offset, $1.documentNumber) }
        return PostRenderResult(
            edits: diagnostics.isEmpty ? edits : [], diagnostics: diagnostics, summary: plan.summary,
            plan: plan, documentCount: stream.documentCount, stoppedEarly: stream.stoppedEarly)
    }
}
