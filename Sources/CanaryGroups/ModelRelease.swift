import KServeCanaryModel
import StreamObjects
import YAMLStream
import YAMLValues

/// A `<group>-primary` or `<group>-canary` Flux HelmRelease as kubectl reads it: what it says
/// about the model, and where each value is written.
package struct ModelRelease: ObjectReading {
    package var object: StreamObject
    package let variant: Variant
    package let group: String
    /// `spec.chart.spec.chart` or `spec.chartRef.name`.
    package let chart: String?
    /// `spec.targetNamespace`: where the release's objects (the predictor Service) land.
    package let targetNamespace: String?
    /// `spec.releaseName` and the values' `fullnameOverride`, which name the InferenceService.
    package var releaseName: String? = nil
    package var fullnameOverride: String? = nil
    /// The model values, when `spec.values.inferenceservice.predictor.model` is a mapping.
    package var model: ModelMapping?
    /// Why the model values cannot be used, with where.
    package var problems: [Diagnostic] = []

    /// The namespace of the predictor Service (nil: the Helm release namespace).
    package var predictorNamespace: String? { targetNamespace ?? object.namespace }

    /// kserve-model's InferenceService name when it is not the HelmRelease's name.
    package var installedName: String? {
        let installed = CanaryNames.installedName(
            release: object.name, targetNamespace: targetNamespace,
            releaseName: releaseName, fullnameOverride: fullnameOverride)
        return installed == object.name ? nil : installed
    }

    /// Why kserve-model's InferenceService (and so KServe's predictor Service) is not named after
    /// the HelmRelease, or nil when it is.
    package var installedNameProblem: String? {
        let name = object.name
        guard let installed = installedName else { return nil }
        let cause =
            fullnameOverride != nil
            ? "spec.values.\(ModelValues.fullnameOverride) is \(installed)"
            : releaseName != nil
                ? "spec.releaseName is \(installed)"
                : "spec.targetNamespace is \(targetNamespace ?? "") without spec.releaseName, so Flux installs it as "
                    + "Helm release \(installed)"
        let predictor = installed + CanaryNames.predictorSuffix
        return "\(cause): kserve-model names its InferenceService \(installed) and KServe its predictor Service "
            + "\(predictor), not \(name + CanaryNames.predictorSuffix) as kserve-general routes to it; "
            + "set spec.releaseName: \(name) (and no fullnameOverride)"
    }
}

/// `spec.values.inferenceservice.predictor.model` of a model release.
package struct ModelMapping {
    /// The mapping node.
    package let node: YAMLNodeID
    /// The entries from the document root to the mapping (all must be written directly for edits).
    package let path: [YAMLEntry]
    package let storageUri: StringField?
    package let newStorageUri: StringField?
    /// `args`: present (a list of strings, possibly empty) or absent; null reads as absent.
    package let args: ArgsField?
    /// Whether the mapping has a `<<` merge key (its entries then are not only what is written).
    package let hasMergeKey: Bool

    /// A string-valued entry; `value` is nil for a null value.
    package struct StringField {
        package let entry: YAMLEntry
        package let value: String?
    }

    /// The `args` entry and its items.
    package struct ArgsField {
        package let entry: YAMLEntry
        /// The item nodes (as written) and their strings; empty for a null value.
        package let items: [(node: YAMLNodeID, text: String)]
        package var isNull: Bool
    }
}

package enum ModelReleaseReader {
    package static let valuesPath = KubernetesKinds.HelmRelease.values + ModelValues.modelPath

    /// Reads a HelmRelease that is named like a model release.
    package static func read(_ object: StreamObject) -> ModelRelease? {
        guard object.isHelmRelease, let (group, variant) = CanaryNames.parseRelease(object.name) else { return nil }
        let doc = object.document
        func string(_ path: [String]) -> String? {
            guard let entry = try? doc.lookup(path, from: object.root), doc[entry.value].kind == .scalar else {
                return nil
            }
            return (try? doc.scalarValue(entry.value))?.stringValue
        }
        var release = ModelRelease(
            object: object, variant: variant, group: group,
            chart: string(KubernetesKinds.HelmRelease.chart) ?? string(KubernetesKinds.HelmRelease.chartRef),
            targetNamespace: string(KubernetesKinds.HelmRelease.targetNamespace).flatMap { $0.isEmpty ? nil : $0 })
        release.releaseName = string(KubernetesKinds.HelmRelease.releaseName).flatMap { $0.isEmpty ? nil : $0 }
        release.fullnameOverride = string(KubernetesKinds.HelmRelease.values + [ModelValues.fullnameOverride])
            .flatMap { $0.isEmpty ? nil : $0 }
        do throws(YAMLValueError) {
            release.model = try readModel(object, variant: variant, problems: &release.problems)
        } catch {
            release.problems.append(object.problem(error.mark ?? object.nameMark, error.refusal("this release")))
        }
        return release
    }

    private static func readModel(
        _ object: StreamObject, variant: Variant,
        problems: inout [Diagnostic]
    ) throws(YAMLValueError) -> ModelMapping? {
        let doc = object.document
        var node = object.root
        var walked: [String] = []
        var path: [YAMLEntry] = []
        for key in valuesPath {
            walked.append(key)
            let here = walked.joined(separator: ".")
            guard let entry = try doc.lookup(key, in: node), !doc.isNull(entry.value) else {
                let hint =
                    variant == .canary
                    ? "a canary needs \(here) with storageUri and newStorageUri"
                    : """
                    the post-renderer sets the model name there; put the model values in spec.values \
                    (valuesFrom is invisible to a post-renderer; see `kserve-canary flux postrenderers`)
                    """
                problems.append(object.problem(doc[node].mark, "\(here) is missing; \(hint)"))
                return nil
            }
            guard doc[entry.value].kind == .mapping else {
                problems.append(
                    object.problem(
                        doc[entry.written].mark, "\(here) must be a mapping, found \(describe(entry.value, in: doc))"))
                return nil
            }
            path.append(entry)
            node = entry.value
        }
        let dotted = valuesPath.joined(separator: ".")
        func stringField(_ key: String) throws(YAMLValueError) -> ModelMapping.StringField? {
            guard let entry = try doc.lookup(key, in: node) else { return nil }
            guard doc[entry.value].kind == .scalar else {
                problems.append(
                    object.problem(
                        doc[entry.written].mark,
                        "\(dotted).\(key) must be a string (a model URI), found \(describe(entry.value, in: doc))"))
                return nil
            }
            switch try doc.scalarValue(entry.value) {
            case .null: return ModelMapping.StringField(entry: entry, value: nil)
            case .string(let s): return ModelMapping.StringField(entry: entry, value: s)
            case let other:
                problems.append(
                    object.problem(
                        doc[entry.written].mark,
                        "\(dotted).\(key) must be a string (a model URI), found \(other); quote it"))
                return nil
            }
        }
        let storage = try stringField(ModelValues.storageUri)
        let newStorage = try stringField(ModelValues.newStorageUri)
        var args: ModelMapping.ArgsField?
        if let entry = try doc.lookup(ModelValues.args, in: node) {
            args = try readArgs(entry, object: object, dotted: dotted, problems: &problems)
            if args == nil { return nil }
        }
        let hasMerge = doc.entries(node).contains { doc.isMergeKey($0.key) }
        return ModelMapping(
            node: node, path: path, storageUri: storage, newStorageUri: newStorage, args: args, hasMergeKey: hasMerge)
    }

    private static func readArgs(
        _ entry: YAMLEntry, object: StreamObject, dotted: String,
        problems: inout [Diagnostic]
    ) throws(YAMLValueError) -> ModelMapping.ArgsField? {
        let doc = object.document
        if doc.isNull(entry.value) { return ModelMapping.ArgsField(entry: entry, items: [], isNull: true) }
        guard doc[entry.value].kind == .sequence else {
            problems.append(
                object.problem(
                    doc[entry.written].mark,
                    "\(dotted).args must be a list of strings, found \(describe(entry.value, in: doc))"))
            return nil
        }
        var items: [(node: YAMLNodeID, text: String)] = []
        for item in doc.children(entry.value) {
            let resolved = doc.resolve(item)
            guard doc[resolved].kind == .scalar, case .string(let text) = try doc.scalarValue(resolved) else {
                problems.append(
                    object.problem(
                        doc[item].mark,
                        "\(dotted).args must be a list of strings, found \(describe(resolved, in: doc)); quote it"))
                return nil
            }
            items.append((item, text))
        }
        return ModelMapping.ArgsField(entry: entry, items: items, isNull: false)
    }

    /// `a mapping`, `a list`, `null`, `the integer 48`, ...
    package static func describe(_ id: YAMLNodeID, in doc: YAMLDocument) -> String { doc.describeValue(id) }
}

extension ModelRelease {
    /// Whether the release is a model release on its own (labelled by kserve-general or released
    /// with a model chart), without looking at the rest of the stream.
    package func isMemberByItself(modelCharts: Set<String>) -> Bool {
        CanaryMembership.isModelRelease(labels: object.labels, chart: chart, modelCharts: modelCharts)
    }
}
