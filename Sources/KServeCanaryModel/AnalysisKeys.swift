/// Where `kserve-canary advance` keeps its state in git, and how custom checks are found next to
/// a HelmRelease: annotations of the parent HelmRelease, or kserve-general's `canaryAnalysis`
/// values key (accepted by its schema, not forwarded to the model releases).
public enum CanaryAnalysisKeys {
    /// Annotation: the `newStorageUri` the state belongs to.
    public static let canaryAnnotation = "kserve-canary.io/canary"
    /// Annotation: failed analyses of that canary.
    public static let failuresAnnotation = "kserve-canary.io/failures"
    /// Annotation: when the canary last moved (RFC 3339).
    public static let lastStepAnnotation = "kserve-canary.io/last-step"
    /// The state annotations, in written order.
    public static let annotations = [canaryAnnotation, failuresAnnotation, lastStepAnnotation]

    /// kserve-general's values key holding the state in a plain values file.
    public static let valuesKey = "canaryAnalysis"
    /// The keys below `canaryAnalysis`, in written order (`canary`, `failures`, `lastStep`).
    public static let valuesFields = ["canary", "failures", "lastStep"]

    /// The label marking a ConfigMap of custom checks; its value is the HelmRelease's name.
    public static let checksLabel = "kserve-canary.io/checks"
    /// The ConfigMap data key holding the checks.
    public static let checksDataKey = "checks.yaml"
}
