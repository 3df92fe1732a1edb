import CanaryLifecycle
import CanaryQueries
import KServeCanaryModel
import YAMLStream

/// Namespace and group of a canary from its file, by the conventions of `KServeCanaryModel`:
/// `FluxReleaseNames` for a HelmRelease's release name and namespace,
/// `CanaryNames.group(releaseName:fullnameOverride:)` for the group.
extension CanaryWorkloads {
    /// Why namespace or group cannot be derived.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// Neither the file nor `--namespace` names the namespace (`inHelmRelease`: the file is one).
        case noNamespace(inHelmRelease: Bool)
        /// Flux shortens this release name with a hash, which cannot be predicted here.
        case shortenedReleaseName(String)
        /// A values file without `fullnameOverride`, and no `--name`.
        case noReleaseName
        /// The namespace or group (`what`) is not a DNS label.
        case notADNSLabel(String, what: String)

        /// The problem and what to pass.
        public var description: String {
            switch self {
            case .noNamespace(true):
                return "the HelmRelease has no metadata.namespace or spec.targetNamespace; pass --namespace"
            case .noNamespace(false):
                return "a values file does not say which namespace the canary runs in; pass --namespace (and --name)"
            case .shortenedReleaseName(let release):
                return "Flux shortens the release name \(release) (over \(FluxReleaseNames.maxReleaseName) characters)"
                    + " with a hash; set fullnameOverride in the values or pass --name"
            case .noReleaseName:
                return "a values file does not say which release the canary is; pass --name (the Helm release name)"
                    + " or set fullnameOverride"
            case .notADNSLabel(let value, let what):
                return "the \(what) `\(value)` is not a DNS label (lower-case letters, digits and '-', at most 63)"
            }
        }
    }

    /// Derives namespace and group from the located values: a Flux HelmRelease's metadata and
    /// spec, `fullnameOverride` in the values; `namespace` and `name` (the release name) override
    /// what the file says and are required for a plain values file.
    public static func derive(
        from location: ValuesLocation, namespace: String?,
        name: String?
    ) throws(AnalysisError) -> CanaryWorkloads {
        let doc = location.document
        var derivedNamespace: String?
        var release: String?
        if location.release != nil, let root = doc.root {
            func text(_ path: [String]) -> String? { doc.value(at: path, from: root).flatMap(doc.scalar) }
            let target = text(KubernetesKinds.HelmRelease.targetNamespace)
            derivedNamespace = FluxReleaseNames.releaseNamespace(
                targetNamespace: target,
                namespace: text(["metadata", "namespace"]))
            if let metadataName = text(["metadata", "name"]) {
                release = FluxReleaseNames.releaseName(
                    releaseName: text(["spec", "releaseName"]),
                    targetNamespace: target, name: metadataName)
            } else if let releaseName = text(["spec", "releaseName"]), !releaseName.isEmpty {
                release = releaseName
            }
        }
        let override = doc.value("fullnameOverride", in: location.mapping).flatMap(doc.scalar)
        guard let ns = namespace ?? derivedNamespace, !ns.isEmpty else {
            throw .workloads(.noNamespace(inHelmRelease: location.release != nil))
        }
        let overridden = override.map { !$0.isEmpty } ?? false
        if name == nil, !overridden, let release, release.utf8.count > FluxReleaseNames.maxReleaseName {
            throw .workloads(.shortenedReleaseName(release))
        }
        guard let group = CanaryNames.group(releaseName: name ?? release, fullnameOverride: override) else {
            throw .workloads(.noReleaseName)
        }
        try checkName(ns, "namespace")
        try checkName(group, "group name")
        return CanaryWorkloads(namespace: ns, group: group)
    }

    /// Namespaces and groups are DNS labels (which also makes them safe inside PromQL strings).
    static func checkName(_ value: String, _ what: String) throws(AnalysisError) {
        let bytes = Array(value.utf8)
        let ok =
            !bytes.isEmpty && bytes.count <= 63
            && bytes.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
            && bytes.first != 0x2D && bytes.last != 0x2D
        guard ok else { throw .workloads(.notADNSLabel(value, what: what)) }
    }
}
