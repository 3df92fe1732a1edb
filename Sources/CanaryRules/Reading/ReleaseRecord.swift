import KServeCanaryModel
import StreamObjects
import YAMLEditing
import YAMLScalars
import YAMLStream
import YAMLValues

/// What post-render keeps of one model release once its document has been read, its edits
/// planned and read back: identity, the model values before and after the rules, the edits and
/// every problem. The document itself is not kept (thousands of releases stay in memory at once).
struct ReleaseRecord {
    var documentNumber: Int
    let name: String
    let subject: String
    let nameMark: YAMLMark
    let namespace: String?
    /// `spec.targetNamespace`: where the release's objects (the predictor Service) land.
    let targetNamespace: String?
    let variant: Variant
    let group: String
    let chart: String?
    /// Only the `kserve-canary.io/*` labels.
    let labels: [String: String]
    /// The model values, when the release has a usable model mapping.
    let model: ModelFacts?
    /// Reading problems, duplicate keys, edits the layout refuses, read-back failures.
    var problems: [Diagnostic]
    /// The edits that apply the rules to this release.
    var edits: [ByteEdit]
    /// What the edits change, when they are still to be read back (with the other edits of their
    /// document); empty once read back.
    var unverifiedChanges: [ReadBack.Change] = []
    /// The InferenceService name when it is not `name`, and why its predictor Service is then not
    /// `<name>-predictor` (see `ModelRelease.installedNameProblem`).
    var installedName: String? = nil
    var installedNameProblem: String? = nil

    /// The namespace of the predictor Service (nil: the Helm release namespace).
    var predictorNamespace: String? { targetNamespace ?? namespace }

    /// Whether the release is ours on its own: labelled by kserve-general, or released with a model chart.
    func isMemberByItself(modelCharts: Set<String>) -> Bool {
        CanaryMembership.isModelRelease(labels: labels, chart: chart, modelCharts: modelCharts)
    }

    /// A problem about this release.
    func problem(_ mark: YAMLMark, _ message: String) -> Diagnostic {
        Diagnostic(mark: mark, documentNumber: documentNumber, subject: subject, message: message)
    }
}

/// The model values of a release, as read and as the rules leave them.
struct ModelFacts {
    /// Where the model mapping is.
    let mark: YAMLMark
    let storageUri: String?
    let storageMark: YAMLMark?
    /// Whether `newStorageUri` is written (null and empty included).
    let hasNewStorageUri: Bool
    let newStorageUri: String?
    let newStorageMark: YAMLMark?
    /// `args` as read (nil when absent or null).
    let args: [String]?
    /// `storageUri` after the rules: the canary serves its `newStorageUri`.
    let finalStorageUri: String?
    /// `args` after the rules.
    let finalArgs: [String]

    var changesStorageUri: Bool { finalStorageUri != storageUri }
    var changesArgs: Bool { args != finalArgs }

    /// The changes in words.
    var descriptions: [String] {
        func quote(_ s: String?) -> String { s.map(YAMLScalarFormatter.doubleQuoted) ?? "(none)" }
        var out: [String] = []
        if changesStorageUri { out.append("storageUri: \(quote(storageUri)) -> \(quote(finalStorageUri))") }
        if hasNewStorageUri { out.append("remove newStorageUri") }
        if changesArgs {
            out.append(
                """
                args: [\((args ?? []).map(quote).joined(separator: ", "))] -> \
                [\(finalArgs.map(quote).joined(separator: ", "))]
                """
            )
        }
        return out
    }
}
