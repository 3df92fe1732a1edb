/// A destination host resolved to a Service name and namespace, when it names a cluster Service.
struct ServiceHost: Hashable {
    var service: String
    var namespace: String

    /// Resolves `host` as Istio does for Kubernetes Services: `svc`, `svc.ns`, `svc.ns.svc`,
    /// `svc.ns.svc.<cluster domain>`. Short names are relative to `defaultNamespace`.
    init?(_ host: String, defaultNamespace: String) {
        // One pass over the UTF-8 bytes; this runs for every destination of every VirtualService.
        let utf8 = host.utf8
        guard let firstDot = utf8.firstIndex(of: UInt8(ascii: ".")) else {
            guard !host.isEmpty, !utf8.contains(UInt8(ascii: "*")) else { return nil }
            service = host
            namespace = defaultNamespace
            return
        }
        let name = host[..<firstDot]
        guard !name.isEmpty, !name.utf8.contains(UInt8(ascii: "*")) else { return nil }
        let rest = host[host.index(after: firstDot)...]
        if let secondDot = rest.utf8.firstIndex(of: UInt8(ascii: ".")) {
            // svc.ns.svc[.domain]: the third label must be `svc`.
            let third = rest[rest.index(after: secondDot)...]
            guard third == "svc" || third.hasPrefix("svc.") else { return nil }
            namespace = String(rest[..<secondDot])
        } else {
            namespace = String(rest)
        }
        service = String(name)
    }
}
