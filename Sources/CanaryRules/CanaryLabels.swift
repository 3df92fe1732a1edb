/// Labels our kserve-general chart puts on the documents of a canary group.
public enum CanaryLabels {
    /// The group (base) name, on both HelmReleases and the VirtualService.
    public static let group = "kserve-canary.io/group"
    /// `primary` or `canary`, on the HelmReleases.
    public static let variant = "kserve-canary.io/variant"
}
