import CanaryGroups
import KServeCanaryModel
import StreamObjects
import YAMLStream

/// The release rules of one group, over the records: the checks that need both variants.
enum ReleaseRules {
    /// Every problem of `group`'s releases: their own, and the group's.
    static func problems(_ group: CanaryGroup) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for duplicate in group.duplicates {
            problems.append(
                duplicate.problem(
                    duplicate.nameMark,
                    """
                    HelmRelease \(duplicate.name) appears more than once in namespace \
                    \(group.key.namespace ?? "(none)"); render each release once
                    """
                ))
        }
        guard let primary = group.releases[.primary] else {
            let canary = group.releases[.canary]!
            problems.append(
                canary.problem(
                    canary.nameMark,
                    """
                    canary release \(canary.name) has no \(group.key.name)-primary in the stream; \
                    render both releases (kserve-general) or remove the canary
                    """
                ))
            return problems
        }
        for release in Variant.allCases.compactMap({ group.releases[$0] }) {
            problems += release.problems
            problems += labelProblems(release, group: group.key.name)
            if group.isRouted, let problem = release.installedNameProblem {
                problems.append(release.problem(release.nameMark, problem))
            }
        }
        guard problems.isEmpty, let primaryModel = primary.model else { return problems }
        let dotted = ModelReleaseReader.valuesPath.joined(separator: ".")
        guard let primaryUri = primaryModel.storageUri, !primaryUri.isEmpty else {
            return [
                primary.problem(
                    primaryModel.storageMark ?? primaryModel.mark,
                    "the primary has no \(dotted).storageUri; it must serve a model")
            ]
        }
        guard let canary = group.releases[.canary], let model = canary.model else { return [] }
        if model.hasNewStorageUri {
            guard let value = model.newStorageUri, !value.isEmpty else {
                return [
                    canary.problem(
                        model.newStorageMark ?? model.mark,
                        "\(dotted).newStorageUri is empty; set it to the new model's URI or remove the canary release")
                ]
            }
            if value == primaryUri {
                return [
                    canary.problem(
                        model.newStorageMark ?? model.mark,
                        """
                        newStorageUri equals the primary's storageUri (\(value)); \
                        the canary would serve the primary's model. Set newStorageUri to the new model's URI
                        """
                    )
                ]
            }
        } else if model.storageUri == nil || model.storageUri == "" || model.storageUri == primaryUri {
            // Already post-rendered, or newStorageUri forgotten? Applied iff it serves another model.
            return [
                canary.problem(
                    model.storageMark ?? model.mark,
                    """
                    canary release has no newStorageUri, so it would serve the primary's model; \
                    set inferenceservice.predictor.model.newStorageUri to the new model's URI, or remove the canary
                    """
                )
            ]
        }
        return []
    }

    private static func labelProblems(_ release: ReleaseRecord, group: String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        if let label = release.labels[CanaryLabels.group], label != group {
            problems.append(
                release.problem(
                    release.nameMark,
                    "label \(CanaryLabels.group)=\(label) does not match the release name (group \(group))"))
        }
        if let label = release.labels[CanaryLabels.variant], label != release.variant.rawValue {
            problems.append(
                release.problem(
                    release.nameMark,
                    """
                    label \(CanaryLabels.variant)=\(label) contradicts the release name suffix \
                    \(release.variant.suffix)
                    """
                ))
        }
        return problems
    }
}
