import YAMLStream

/// What the post-renderer learned from one `<name>-primary` or `<name>-canary` HelmRelease.
struct ReleaseFacts {
    var documentNumber: Int
    var identity: DocumentIdentity
    var variant: Variant
    var group: GroupKey
    /// `spec.chart.spec.chart`, if given.
    var chart: String?
    /// `storageUri` before the edit, if the release has one.
    var storageUri: String?
    /// `newStorageUri`, if the release has one.
    var newStorageUri: String?
    /// `storageUri` as it will be after the edit.
    var finalStorageUri: String?
    /// Where `storageUri` (or the model mapping) is, for messages.
    var storageMark: YAMLMark
    /// Where `newStorageUri` is, when the release has one.
    var newStorageMark: YAMLMark?
    /// Edits that apply the rules to this release.
    var edits: [ByteEdit]
    /// Problems found while planning the edits.
    var diagnostics: [Diagnostic]

    var subject: String { identity.subject }
}
