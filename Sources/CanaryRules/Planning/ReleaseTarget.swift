import CanaryGroups
import KServeCanaryModel
import StreamObjects
import YAMLEditing
import YAMLReadBack
import YAMLScalars
import YAMLStream
import YAMLValues

/// What the rules want one model release's values to say, with the release's document at hand.
struct ReleaseTarget {
    let release: ModelRelease
    let model: ModelMapping
    /// `storageUri` after the rules.
    let storageUri: String?
    /// `args` after the rules.
    let args: [String]

    var removesNewStorageUri: Bool { model.newStorageUri != nil }
    var changesStorageUri: Bool { storageUri != model.storageUri?.value }
    var changesArgs: Bool { model.args.map { $0.isNull || $0.items.map(\.text) != args } ?? true }
    var needsChange: Bool { removesNewStorageUri || changesStorageUri || changesArgs }

    /// What the edited document must read back as, relative to the input (an unchanged
    /// `storageUri`, null included, must read back unchanged like every other value).
    var readBackChanges: [ReadBack.Change] {
        guard needsChange else { return [] }
        let base = release.object.path + ModelReleaseReader.valuesPath.map { YAMLPathComponent.key($0) }
        var changes = [
            ReadBack.Change(base + [.key(ModelValues.newStorageUri)], nil),
            ReadBack.Change(base + [.key(ModelValues.args)], .list(args.map { .string($0) })),
        ]
        if changesStorageUri {
            changes.append(ReadBack.Change(base + [.key(ModelValues.storageUri)], storageUri.map { .string($0) }))
        }
        return changes
    }
}

/// Reads one model release to the end: its target under the rules, the edits that reach it, and
/// (when its document holds nothing else) the read-back of those edits. What is left is a
/// `ReleaseRecord`; the document can go.
enum ReleaseProcessor {
    /// The record of `release`; unless `verifyNow`, its edits are read back later, with the other
    /// edits of the same document (`ReleaseRecord.unverifiedChanges`).
    static func process(_ release: ModelRelease, verifyNow: Bool) -> ReleaseRecord {
        let object = release.object
        var problems = release.problems + object.duplicateKeyProblems()
        var facts: ModelFacts?
        var edits: [ByteEdit] = []
        var changes: [ReadBack.Change] = []
        if let model = release.model {
            let target = target(release, model)
            facts = ModelFacts(
                mark: object.document[model.node].mark, storageUri: model.storageUri?.value,
                storageMark: model.storageUri.map { object.document[$0.entry.written].mark },
                hasNewStorageUri: model.newStorageUri != nil, newStorageUri: model.newStorageUri?.value,
                newStorageMark: model.newStorageUri.map { object.document[$0.entry.written].mark },
                args: model.args.flatMap { $0.isNull ? nil : $0.items.map(\.text) },
                finalStorageUri: target.storageUri, finalArgs: target.args)
            if problems.isEmpty && target.needsChange {
                do throws(YAMLEditError) {
                    edits = try ReleaseEdits(target: target).plan()
                    changes = target.readBackChanges
                } catch {
                    problems.append(
                        object.problem(
                            error.mark,
                            """
                            cannot edit \(ModelReleaseReader.valuesPath.joined(separator: ".")) in place: \
                            \(error.message)
                            """
                        ))
                }
                if verifyNow, !edits.isEmpty,
                    let problem = ReadBack.difference(object.document, edits: edits, changes: changes)
                {
                    problems.append(
                        PostRenderReadBack.problem(problem, document: object.document, number: object.documentNumber))
                }
            }
        }
        return ReleaseRecord(
            documentNumber: object.documentNumber, name: object.name, subject: object.subject,
            nameMark: object.nameMark,
            namespace: object.namespace, targetNamespace: release.targetNamespace, variant: release.variant,
            group: release.group,
            chart: release.chart, labels: object.labels, model: facts, problems: problems, edits: edits,
            unverifiedChanges: verifyNow ? [] : changes, installedName: release.installedName,
            installedNameProblem: release.installedNameProblem)
    }

    /// Whether `release` is ours without looking at the rest of the stream (see `ReleaseRecord`).

    /// The canary serves its `newStorageUri` (its `storageUri` when it has none: already
    /// post-rendered); both end their `args` with the one `--model_name`.
    static func target(_ release: ModelRelease, _ model: ModelMapping) -> ReleaseTarget {
        var storage = model.storageUri?.value
        if release.variant == .canary, let newStorage = model.newStorageUri?.value, !newStorage.isEmpty {
            storage = newStorage
        }
        let args = ModelArgsRule.apply(model.args.map { $0.items.map(\.text) } ?? [], modelName: release.group)
        return ReleaseTarget(release: release, model: model, storageUri: storage, args: args)
    }
}
