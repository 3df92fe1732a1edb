import ArgumentParser
import CanaryLifecycle
import YAMLStream

/// Runs a lifecycle operation on a file: read, plan, write atomically, report.
enum LifecycleRunner {
    /// Plans `operation` on the target file and writes the result (or prints it with `--dry-run`).
    /// A refusal prints `FILE:LINE:COL: error: ...`, leaves the file untouched and exits 1.
    static func run(_ operation: LifecycleOperation, target: LifecycleTargetOptions, write: LifecycleWriteOptions)
        throws
    {
        let plan: LifecyclePlan
        let file: EditableFile
        do throws(LifecycleError) {
            file = try EditableFile.open(target.file)
            plan = try LifecyclePlanner(selector: target.selector).plan(operation, source: file.source)
            if !write.dryRun && !plan.isUnchanged { try file.replace(applying: plan.edits) }
        } catch {
            Output.error(
                error.formatted(file: target.file)
                    + "\nkserve-canary: \(operation.name) refused; \(target.file) was not changed")
            throw ExitCode(1)
        }
        if write.dryRun {
            try Output.out(plan.edits, source: file.source)
            Output.error("\(target.file): \(plan.summary) (dry run; the file was not written)")
        } else {
            try Output.out("\(target.file): \(plan.summary)\n")
        }
    }
}
