/// How helm-controller names the Helm release of a Flux HelmRelease, and where it installs it
/// (fluxcd/helm-controller `api/v2` `HelmRelease.GetReleaseName`, `GetReleaseNamespace`).
public enum FluxReleaseNames {
    /// helm-controller shortens longer release names with a hash (the first 40 characters, `-`,
    /// 12 hex digits of SHA-256).
    public static let maxReleaseName = 53

    /// `spec.releaseName`, else `[<spec.targetNamespace>-]<metadata.name>` (empty strings count
    /// as unset), before any shortening.
    public static func releaseName(releaseName: String?, targetNamespace: String?, name: String) -> String {
        if let releaseName, !releaseName.isEmpty { return releaseName }
        if let targetNamespace, !targetNamespace.isEmpty { return targetNamespace + "-" + name }
        return name
    }

    /// `spec.targetNamespace`, else the HelmRelease's own namespace (nil when neither is set).
    public static func releaseNamespace(targetNamespace: String?, namespace: String?) -> String? {
        if let targetNamespace, !targetNamespace.isEmpty { return targetNamespace }
        return namespace
    }
}

extension CanaryNames {
    /// The group name of a kserve-general release (its `fullname` helper): `fullnameOverride`
    /// when set and not empty, else the Helm release name; cut to 63 characters without a
    /// trailing `-` (kserve-general itself refuses groups longer than `maxGroupName`).
    public static func group(releaseName: String?, fullnameOverride: String?) -> String? {
        let override = fullnameOverride.flatMap { $0.isEmpty ? nil : $0 }
        guard var group = override ?? releaseName, !group.isEmpty else { return nil }
        if group.utf8.count > 63 { group = String(group.prefix(63)) }
        while group.hasSuffix("-") { group.removeLast() }
        return group
    }
}
