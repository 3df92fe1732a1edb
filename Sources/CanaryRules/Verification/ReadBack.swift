import KServeCanaryModel
import YAMLStream
import YAMLValues

/// Post-render's read-back: every document it edits must read back (`ReadBack.difference`) as the
/// input with exactly the planned changes: the canary's storage URI, `newStorageUri` gone, the
/// `args`, the weights.
enum PostRenderReadBack {
    /// Problems with the edited documents (empty when every one reads back as intended).
    /// - Parameter edits: the planned edits of each document, by document number.
    static func verify(_ edits: [Int: [ByteEdit]], plan: CanaryPlan) -> [Diagnostic] {
        var changes: [Int: (document: YAMLDocument, changes: [ReadBack.Change])] = [:]
        func add(_ document: YAMLDocument, _ list: [ReadBack.Change]) {
            changes[document.number, default: (document, [])].changes += list
        }
        for target in plan.releases where target.needsChange {
            let object = target.release.object
            let base = object.path + ModelReleaseReader.valuesPath.map { YAMLPathComponent.key($0) }
            add(object.document, [
                ReadBack.Change(base + [.key(ModelValues.storageUri)], target.storageUri.map { .string($0) }),
                ReadBack.Change(base + [.key(ModelValues.newStorageUri)], nil),
                ReadBack.Change(base + [.key(ModelValues.args)], .list(target.args.map { .string($0) })),
            ])
        }
        for target in plan.routes where target.needsChange {
            let object = target.service.object
            add(object.document, target.changes.map { destination, weight in
                ReadBack.Change(object.path + [.key("spec"), .key(target.route.protocolName.rawValue), .index(target.route.index),
                                               .key("route"), .index(destination.position), .key("weight")], .int(Int64(weight)))
            })
        }
        return changes.sorted { $0.key < $1.key }.compactMap { number, entry in
            ReadBack.difference(entry.document, edits: edits[number] ?? [], changes: entry.changes).map { problem in
                Diagnostic(mark: entry.document.start, documentNumber: number, subject: nil,
                           message: "internal error: the edited document would not read back as intended (\(problem)); nothing was written. Please report this input")
            }
        }
    }
}
