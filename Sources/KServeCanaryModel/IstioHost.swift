/// Destination hosts as Istio reads them (istio `pilot/pkg/model/config.go`
/// `ResolveShortnameToFQDN`): a name without a dot is a Service in the VirtualService's own
/// namespace; any name with a dot is taken as a fully qualified name as written. So
/// `svc.ns.svc.cluster.local` names Service `svc` in `ns`, while `svc.ns` and `svc.ns.svc` are
/// not expanded and name no Service at all.
public enum IstioHost: Sendable, Equatable {
    /// A Kubernetes Service of the cluster; a nil namespace is the one the VirtualService lands in
    /// when it names none (the Helm release namespace).
    case service(name: String, namespace: String?)
    /// A dotted short form Istio does not expand (`svc.ns`, `svc.ns.svc`): it names no Service.
    case unexpanded(name: String, namespace: String)
    /// Anything else (wildcards, external names, IPs).
    case other

    /// The cluster domain Istio appends by default.
    public static let defaultClusterDomain = "cluster.local"

    /// Resolves `host` of a VirtualService in `namespace` (nil: the namespace the object lands in).
    public init(_ host: String, namespace: String?, clusterDomain: String = IstioHost.defaultClusterDomain) {
        if let ascii = Self.asciiHost(host, namespace: namespace, clusterDomain: clusterDomain) {
            self = ascii
            return
        }
        guard !host.isEmpty, !host.contains("*") else {
            self = .other
            return
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if labels.count == 1 {
            self = .service(name: host, namespace: namespace)
            return
        }
        guard labels.allSatisfy({ !$0.isEmpty }) else {
            self = .other
            return
        }
        let domain = clusterDomain.split(separator: ".").map(String.init)
        if labels.count == 3 + domain.count, labels[2] == "svc", Array(labels[3...]) == domain {
            self = .service(name: labels[0], namespace: labels[1])
        } else if labels.count == 2 || (labels.count == 3 && labels[2] == "svc") {
            self = .unexpanded(name: labels[0], namespace: labels[1])
        } else {
            self = .other
        }
    }

    /// `init` for ASCII hosts and cluster domains (every character one byte), read on the bytes
    /// without making a string per label; nil for anything else.
    private static func asciiHost(_ host: String, namespace: String?, clusterDomain: String) -> IstioHost? {
        let dot = UInt8(ascii: ".")
        guard host.utf8.allSatisfy({ $0 < 0x80 }), clusterDomain.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        guard !host.utf8.isEmpty, !host.utf8.contains(UInt8(ascii: "*")) else { return .other }
        let labels = host.utf8.split(separator: dot, omittingEmptySubsequences: false)
        if labels.count == 1 { return .service(name: host, namespace: namespace) }
        guard labels.allSatisfy({ !$0.isEmpty }) else { return .other }
        let domain = clusterDomain.utf8.split(separator: dot)
        func text(_ label: Substring.UTF8View) -> String { String(decoding: label, as: UTF8.self) }
        let isSvc = labels.count >= 3 && labels[2].elementsEqual("svc".utf8)
        if labels.count == 3 + domain.count, isSvc, zip(labels[3...], domain).allSatisfy({ $0.elementsEqual($1) }) {
            return .service(name: text(labels[0]), namespace: text(labels[1]))
        } else if labels.count == 2 || (labels.count == 3 && isSvc) {
            return .unexpanded(name: text(labels[0]), namespace: text(labels[1]))
        }
        return .other
    }

    /// The fully qualified name of Service `name` in `namespace`.
    public static func fqdn(service name: String, namespace: String, clusterDomain: String = defaultClusterDomain)
        -> String
    {
        "\(name).\(namespace).svc.\(clusterDomain)"
    }
}
