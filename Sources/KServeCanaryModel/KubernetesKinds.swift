/// The API groups and kinds kserve-canary reads.
public enum KubernetesKinds {
    /// Flux's helm-controller API group.
    public static let fluxHelmGroup = "helm.toolkit.fluxcd.io"
    /// Istio's networking API group.
    public static let istioNetworkingGroup = "networking.istio.io"

    /// Whether `apiVersion`/`kind` name a Flux HelmRelease.
    public static func isHelmRelease(apiVersion: String, kind: String) -> Bool {
        kind == "HelmRelease" && group(of: apiVersion) == fluxHelmGroup
    }

    /// Whether `apiVersion`/`kind` name an Istio VirtualService.
    public static func isVirtualService(apiVersion: String, kind: String) -> Bool {
        kind == "VirtualService" && group(of: apiVersion) == istioNetworkingGroup
    }

    /// The group of `group/version` ("" for the core group's `v1`).
    public static func group(of apiVersion: String) -> String {
        // On the bytes, as apimachinery's `ParseGroupVersion` splits it.
        guard let slash = apiVersion.utf8.firstIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(apiVersion[..<slash])
    }

    /// HelmRelease paths below `spec`.
    public enum HelmRelease {
        /// `spec.values`.
        public static let values = ["spec", "values"]
        /// `spec.chart.spec.chart`.
        public static let chart = ["spec", "chart", "spec", "chart"]
        /// `spec.chartRef.name`.
        public static let chartRef = ["spec", "chartRef", "name"]
        /// `spec.targetNamespace`.
        public static let targetNamespace = ["spec", "targetNamespace"]
        /// `spec.releaseName`.
        public static let releaseName = ["spec", "releaseName"]
    }
}
