/// A destination host resolved to a Service name and namespace, when it names a cluster Service.
struct ServiceHost: Hashable {
    var service: String
    var namespace: String

    /// Resolves `host` as Istio does for Kubernetes Services: `svc`, `svc.ns`, `svc.ns.svc`,
    /// `svc.ns.svc.<cluster domain>`. Short names are relative to `defaultNamespace`.
    init?(_ host: String, defaultNamespace: String) {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, !first.isEmpty, !first.contains("*") else { return nil }
        switch parts.count {
        case 1:
            service = first
            namespace = defaultNamespace
        case 2:
            service = first
            namespace = parts[1]
        default:
            guard parts[2] == "svc" else { return nil }
            service = first
            namespace = parts[1]
        }
    }
}
