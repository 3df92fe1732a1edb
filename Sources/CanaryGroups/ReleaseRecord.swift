import KServeCanaryModel
import StreamObjects
import YAMLEditing
import YAMLReadBack
import YAMLScalars
import YAMLStream
import YAMLValues

/// What post-render keeps of one model release once its document has been read, its edits
/// planned and read back: identity, the model values before and after the rules, the edits and
/// every problem. The document itself is not kept (thousands of releases stay in memory at once).
package struct ReleaseRecord {
    package var documentNumber: Int
    package let name: String
    package let subject: String
    package let nameMark: YAMLMark
    package let namespace: String?
    /// `spec.targetNamespace`: where the release's objects (the predictor Service) land.
    package let targetNamespace: String?
    package let variant: Variant
    package let group: String
    package let chart: String?
    /// Only the `kserve-canary.io/*` labels.
    package let labels: [String: String]
    /// The model values, when the release has a usable model mapping.
    package let model: ModelFacts?
    /// Reading problems, duplicate keys, edits the layout refuses, read-back failures.
    package var problems: [Diagnostic]
    /// The edits that apply the rules to this release.
    package var edits: [ByteEdit]
    /// What the edits change, when they are still to be read back (with the other edits of their
    /// document); empty once read back.
    package var unverifiedChanges: [ReadBack.Change] = []
    /// The InferenceService name when it is not `name`, and why its predictor Service is then not
    /// `<name>-predictor` (see `ModelRelease.installedNameProblem`).
    package var installedName: String? = nil
    package var installedNameProblem: String? = nil

    /// The namespace of the predictor Service (nil: the Helm release namespace).
    package var predictorNamespace: String? { targetNamespace ?? namespace }

    /// Whether the release is ours on its own: labelled by kserve-general, or released with a model chart.
    package func isMemberByItself(modelCharts: Set<String>) -> Bool {
        CanaryMembership.isModelRelease(labels: labels, chart: chart, modelCharts: modelCharts)
    }

    /// A problem about this release.
    package func problem(_ mark: YAMLMark, _ message: String) -> Diagnostic {
        Diagnostic(mark: mark, documentNumber: documentNumber, subject: subject, message: message)
    }

    /// Creates the value (the rules build it).
    package init(
        documentNumber: Int,
        name: String,
        subject: String,
        nameMark: YAMLMark,
        namespace: String?,
        targetNamespace: String?,
        variant: Variant,
        group: String,
        chart: String?,
        labels: [String: String],
        model: ModelFacts?,
        problems: [Diagnostic],
        edits: [ByteEdit],
        unverifiedChanges: [ReadBack.Change] = [],
        installedName: String? = nil,
        installedNameProblem: String? = nil
    ) {
        self.documentNumber = documentNumber
        self.name = name
        self.subject = subject
        self.nameMark = nameMark
        self.namespace = namespace
        self.targetNamespace = targetNamespace
        self.variant = variant
        self.group = group
        self.chart = chart
        self.labels = labels
        self.model = model
        self.problems = problems
        self.edits = edits
        self.unverifiedChanges = unverifiedChanges
        self.installedName = installedName
        self.installedNameProblem = installedNameProblem
    }
}

/// The model values of a release, as read and as the rules leave them. Immutable, and shared
/// rather than copied: records are copied often while the groups are planned.
package final class ModelFacts: Sendable {
    /// Where the model mapping is.
    package let mark: YAMLMark
    package let storageUri: String?
    package let storageMark: YAMLMark?
    /// Whether `newStorageUri` is written (null and empty included).
    package let hasNewStorageUri: Bool
    package let newStorageUri: String?
    package let newStorageMark: YAMLMark?
    /// `args` as read (nil when absent or null).
    package let args: [String]?
    /// `storageUri` after the rules: the canary serves its `newStorageUri`.
    package let finalStorageUri: String?
    /// `args` after the rules.
    package let finalArgs: [String]

    package var changesStorageUri: Bool { finalStorageUri != storageUri }
    package var changesArgs: Bool { args != finalArgs }

    /// The changes in words.
    package var descriptions: [String] {
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

    /// Creates the value (the rules build it).
    package init(
        mark: YAMLMark,
        storageUri: String?,
        storageMark: YAMLMark?,
        hasNewStorageUri: Bool,
        newStorageUri: String?,
        newStorageMark: YAMLMark?,
        args: [String]?,
        finalStorageUri: String?,
        finalArgs: [String]
    ) {
        self.mark = mark
        self.storageUri = storageUri
        self.storageMark = storageMark
        self.hasNewStorageUri = hasNewStorageUri
        self.newStorageUri = newStorageUri
        self.newStorageMark = newStorageMark
        self.args = args
        self.finalStorageUri = finalStorageUri
        self.finalArgs = finalArgs
    }
}
