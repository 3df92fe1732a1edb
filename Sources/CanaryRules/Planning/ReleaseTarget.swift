import KServeCanaryModel
import YAMLStream
import YAMLValues

/// What the rules want one model release's values to say.
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

    /// The changes in words.
    var descriptions: [String] {
        var out: [String] = []
        if changesStorageUri {
            out.append("storageUri: \(quote(model.storageUri?.value)) -> \(quote(storageUri))")
        }
        if removesNewStorageUri { out.append("remove newStorageUri") }
        if changesArgs {
            out.append("args: [\((model.args?.items.map(\.text) ?? []).map(quote).joined(separator: ", "))] -> [\(args.map(quote).joined(separator: ", "))]")
        }
        return out
    }

    private func quote(_ s: String?) -> String { s.map(YAMLScalarFormatter.doubleQuoted) ?? "(none)" }
}

/// The release rules of one group: the checks, and each release's target.
enum ReleaseRules {
    /// Checks the releases of `group` and computes their targets (none when a check fails).
    static func plan(_ group: CanaryGroup, options: CanaryOptions) -> (targets: [ReleaseTarget], problems: [Diagnostic]) {
        var problems: [Diagnostic] = []
        for duplicate in group.duplicates {
            problems.append(duplicate.object.problem(duplicate.object.nameMark,
                "HelmRelease \(duplicate.object.name) appears more than once in namespace \(group.key.namespace ?? "(none)"); render each release once"))
        }
        guard let primary = group.releases[.primary] else {
            let canary = group.releases[.canary]!
            problems.append(canary.object.problem(canary.object.nameMark,
                "canary release \(canary.object.name) has no \(group.key.name)-primary in the stream; render both releases (kserve-general) or remove the canary"))
            return ([], problems)
        }
        for release in group.releases.values.sorted(by: { $0.variant < $1.variant }) {
            problems += release.problems
            problems += labelProblems(release, group: group.key.name)
            problems += duplicateKeyProblems(release.object)
        }
        guard problems.isEmpty, let primaryModel = primary.model else { return ([], problems) }
        let dotted = ModelReleaseReader.valuesPath.joined(separator: ".")
        guard let primaryUri = primaryModel.storageUri?.value, !primaryUri.isEmpty else {
            problems.append(primary.object.problem(primaryModel.storageUri.map { primary.object.document[$0.entry.written].mark }
                                                   ?? primary.object.document[primaryModel.node].mark,
                "the primary has no \(dotted).storageUri; it must serve a model"))
            return ([], problems)
        }
        var targets = [ReleaseTarget(release: primary, model: primaryModel, storageUri: primaryUri,
                                     args: ModelArgsRule.apply(primaryModel.args?.items.map(\.text) ?? [], modelName: group.key.name))]
        if let canary = group.releases[.canary], let model = canary.model {
            let doc = canary.object.document
            let uri: String
            if let newStorage = model.newStorageUri {
                guard let value = newStorage.value, !value.isEmpty else {
                    problems.append(canary.object.problem(doc[newStorage.entry.written].mark,
                        "\(dotted).newStorageUri is empty; set it to the new model's URI or remove the canary release"))
                    return ([], problems)
                }
                if value == primaryUri {
                    problems.append(canary.object.problem(doc[newStorage.entry.written].mark,
                        "newStorageUri equals the primary's storageUri (\(value)); the canary would serve the primary's model. Set newStorageUri to the new model's URI"))
                    return ([], problems)
                }
                uri = value
            } else {
                // Already post-rendered, or newStorageUri forgotten? Applied iff it serves another model.
                guard let current = model.storageUri?.value, !current.isEmpty, current != primaryUri else {
                    problems.append(canary.object.problem(model.storageUri.map { doc[$0.entry.written].mark } ?? doc[model.node].mark,
                        "canary release has no newStorageUri, so it would serve the primary's model; set inferenceservice.predictor.model.newStorageUri to the new model's URI, or remove the canary"))
                    return ([], problems)
                }
                uri = current
            }
            targets.append(ReleaseTarget(release: canary, model: model, storageUri: uri,
                                         args: ModelArgsRule.apply(model.args?.items.map(\.text) ?? [], modelName: group.key.name)))
        }
        return (targets, problems)
    }

    private static func labelProblems(_ release: ModelRelease, group: String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let object = release.object
        if let label = object.labels[CanaryLabels.group], label != group {
            problems.append(object.problem(object.nameMark, "label \(CanaryLabels.group)=\(label) does not match the release name (group \(group))"))
        }
        if let label = object.labels[CanaryLabels.variant], label != release.variant.rawValue {
            problems.append(object.problem(object.nameMark, "label \(CanaryLabels.variant)=\(label) contradicts the release name suffix \(release.variant.suffix)"))
        }
        return problems
    }

    /// One problem per repeated key in the object (a document the tool must read exactly).
    static func duplicateKeyProblems(_ object: StreamObject) -> [Diagnostic] {
        let doc = object.document
        return doc.duplicateKeys(under: object.root).map { first, duplicate in
            object.problem(doc[duplicate].mark,
                "duplicate key \(YAMLScalarFormatter.doubleQuoted(doc.scalarText(duplicate) ?? "")) (first at \(doc[first].mark)); kubectl keeps the last one silently, remove one of them")
        }
    }
}
