import ArgumentParser
import CanaryLifecycle
import YAMLStream

/// Runs a lifecycle operation on a file: read, plan, write atomically, report.
enum LifecycleRunner {
    /// Plans `operation` on the target file and writes the result (or prints it with `--dry-run`).
    /// A refusal prints `FILE:LINE:COL: error: ...`, leaves the file untouched and exits 1.
    static func run(_ operation: LifecycleOperation, target: LifecycleTargetOptions, write: LifecycleWriteOptions) throws {
        do throws(LifecycleError) {
            let file = try EditableFile.open(target.file)
            let plan = try LifecyclePlanner(selector: target.selector).plan(operation, source: file.source)
            if write.dryRun {
                guard EditApplier.write(plan.edits, source: file.source, fileDescriptor: 1) else {
                    throw LifecycleError(mark: nil, message: "cannot write to stdout")
                }
                Output.error("\(target.file): \(plan.summary) (dry run; the file was not written)")
                return
            }
            if !plan.isUnchanged { try file.replace(applying: plan.edits) }
            Output.out("\(target.file): \(plan.summary)\n")
        } catch {
            Output.error(error.formatted(file: target.file) + "\nkserve-canary: \(operation.name) refused; \(target.file) was not changed")
            throw ExitCode(1)
        }
    }
}
