import CanaryLifecycle
import YAMLStream

/// Who a canary is in the cluster: its namespace, its group (kserve-general's fullname) and the
/// KServe predictor Deployments of the two variants.
///
/// Naming conventions used here (to move into the shared conventions module):
/// - kserve-general renders HelmReleases `<group>-primary` and `<group>-canary` of kserve-model;
///   each makes an InferenceService of that name, and KServe Standard mode names its predictor
///   Deployment (Istio's `destination_workload`) `<isvc>-predictor`.
/// - The group is `fullnameOverride`, else the Helm release name, cut to 63 characters with a
///   trailing `-` removed (kserve-general's `fullname` helper).
/// - Flux's Helm release name is `spec.releaseName`, else `[<spec.targetNamespace>-]<metadata.name>`;
///   the namespace is `spec.targetNamespace`, else `metadata.namespace`.
public struct CanaryWorkloads: Sendable, Equatable {
    /// The namespace the InferenceServices run in.
    public var namespace: String
    /// kserve-general's group name.
    public var group: String

    /// Creates workloads for a namespace and group.
    public init(namespace: String, group: String) {
        self.namespace = namespace
        self.group = group
    }

    /// `<group>-canary-predictor`.
    public var canary: String { group + "-canary-predictor" }
    /// `<group>-primary-predictor`.
    public var primary: String { group + "-primary-predictor" }

    /// Flux's limit on Helm release names; longer ones are shortened with a hash.
    static let fluxReleaseNameLimit = 53

    /// Derives namespace and group from the located values: a Flux HelmRelease's metadata and
    /// spec, `fullnameOverride` in the values; `namespace` and `name` (the release name) override
    /// what the file says and are required for a plain values file.
    public static func derive(from location: ValuesLocation, namespace: String?,
                              name: String?) throws(AnalysisError) -> CanaryWorkloads {
        let doc = location.document
        var derivedNamespace: String?
        var release: String?
        if (location.release != nil), let root = doc.root {
            let metadataNamespace = doc.value(at: ["metadata", "namespace"], from: root).flatMap(doc.scalar)
            let target = doc.value(at: ["spec", "targetNamespace"], from: root).flatMap(doc.scalar).flatMap { $0.isEmpty ? nil : $0 }
            derivedNamespace = target ?? metadataNamespace
            if let releaseName = doc.value(at: ["spec", "releaseName"], from: root).flatMap(doc.scalar), !releaseName.isEmpty {
                release = releaseName
            } else if let metadataName = doc.value(at: ["metadata", "name"], from: root).flatMap(doc.scalar) {
                release = target.map { "\($0)-\(metadataName)" } ?? metadataName
            }
        }
        let override = doc.value("fullnameOverride", in: location.mapping).flatMap(doc.scalar).flatMap { $0.isEmpty ? nil : $0 }
        guard let ns = namespace ?? derivedNamespace, !ns.isEmpty else {
            throw .invalid((location.release != nil)
                ? "the HelmRelease has no metadata.namespace or spec.targetNamespace; pass --namespace"
                : "a values file does not say which namespace the canary runs in; pass --namespace (and --name)")
        }
        let releaseName = name ?? release
        if name == nil, override == nil, let release, release.utf8.count > fluxReleaseNameLimit {
            throw .invalid("Flux shortens the release name \(release) (over \(fluxReleaseNameLimit) characters) with a hash; set fullnameOverride in the values or pass --name")
        }
        guard var group = override ?? releaseName, !group.isEmpty else {
            throw .invalid("a values file does not say which release the canary is; pass --name (the Helm release name) or set fullnameOverride")
        }
        if group.utf8.count > 63 { group = String(group.prefix(63)) }
        while group.hasSuffix("-") { group.removeLast() }
        try checkName(ns, "namespace")
        try checkName(group, "group name")
        return CanaryWorkloads(namespace: ns, group: group)
    }

    /// Namespaces and groups are DNS labels (which also makes them safe inside PromQL strings).
    static func checkName(_ value: String, _ what: String) throws(AnalysisError) {
        let bytes = Array(value.utf8)
        let ok = !bytes.isEmpty && bytes.count <= 63
            && bytes.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
            && bytes.first != 0x2D && bytes.last != 0x2D
        guard ok else {
            throw .invalid("the \(what) `\(value)` is not a DNS label (lower-case letters, digits and '-', at most 63)")
        }
    }
}
