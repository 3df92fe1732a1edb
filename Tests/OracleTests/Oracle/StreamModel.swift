/// The canary-relevant facts of a stream as kubectl read it: `-primary`/`-canary` HelmReleases,
/// where their predictor Services land, and every VirtualService route with its destinations
/// resolved as Istio resolves them (`ResolveShortnameToFQDN`).
struct StreamModel {
    struct Release {
        var object: Int
        var group: GroupID
        var variant: String
        /// Where the children (the predictor Service) land: `spec.targetNamespace`, else the release's.
        var predictorNamespace: String?
        var isMemberByItself: Bool
    }

    struct Destination {
        var host: String
        /// The member-candidate predictor this host names, if any.
        var target: (group: GroupID, variant: String)?
        var weight: JSONValue?
        var port: JSONValue?
    }

    struct Route {
        var object: Int
        /// The VirtualService's namespace (nil: the release namespace).
        var namespace: String?
        var section: String
        var index: Int
        /// Whether `--primary-load` sets this route's split (README's definition, written here
        /// from the JSON): no match condition, or only the path with several destinations.
        var isDefault: Bool
        var destinations: [Destination]
        var mirrorHost: String?
    }

    /// Istio's `HTTPMatchRequest` keys that select requests (`name`, `ignoreUriCase` and
    /// `statPrefix` do not).
    static let conditionKeys: Set<String> = [
        "uri", "headers", "withoutHeaders", "queryParams", "method", "authority", "scheme", "port",
        "sourceLabels", "sourceNamespace", "gateways",
    ]

    /// An entry without conditions (or only a uri every path matches), or a route without
    /// entries, takes every request (Istio's catch-all); one that selects only by `uri` takes
    /// every plain request to those paths.
    /// `prefix: /`, or a regex that is one of the usual spellings of "anything" (RE2 full match).
    static func matchesEveryPath(_ uri: JSONValue) -> Bool {
        if uri == .object(["prefix": .string("/")]) { return true }
        guard case .object(let o) = uri, o.count == 1, case .string(var r) = o["regex"] else { return false }
        if r.hasPrefix("^") { r.removeFirst() }
        if r.hasSuffix("$") { r.removeLast() }
        return [".*", ".+", "/.*", "(.*)", "(.+)", "/(.*)", ".*.*"].contains(r)
    }

    static func isDefault(matches: [JSONValue], destinations: Int) -> Bool {
        if matches.isEmpty { return true }
        var pathOnly = false
        for entry in matches {
            guard case .object(let fields) = entry else { continue }
            let conditions = fields.filter { key, value in
                guard conditionKeys.contains(key), value != .null else { return false }
                // A uri every path matches selects nothing (Istio makes `prefix: /` of no condition).
                if key == "uri", Self.matchesEveryPath(value) { return false }
                if case .object(let o) = value, o.isEmpty { return false }
                if case .array(let a) = value, a.isEmpty { return false }
                return true
            }.map(\.key)
            if conditions.isEmpty { return true }
            if conditions == ["uri"] { pathOnly = true }
        }
        return pathOnly && destinations > 1
    }

    var releases: [Release] = []
    var routes: [Route] = []
    /// Groups the rules own: kserve-model chart, our group label, or a route to their predictor.
    var members: Set<GroupID> = []
    /// Predictor Services of every `-primary`/`-canary` release, by `serviceKey`.
    private var services: [String: (GroupID, String)] = [:]
    /// The same by Service name alone, with the namespace (nil: the release namespace).
    private var servicesByName: [String: [(GroupID, String, String?)]] = [:]
    /// Whether a host was matched across the release namespace (one side has no `metadata.namespace`,
    /// the other names one): the release may or may not be installed there, so refusing is allowed.
    var ambiguous = false

    static let modelCharts: Set<String> = ["kserve-model"]

    init(_ objects: [JSONValue]) {
        for (i, o) in objects.enumerated()
        where o["kind"] == .string("HelmRelease")
            && (o["apiVersion"]?.string ?? "").hasPrefix("helm.toolkit.fluxcd.io/")
        {
            guard let name = o.at(["metadata", "name"])?.string else { continue }
            for variant in ["primary", "canary"] where name.hasSuffix("-" + variant) && name.count > variant.count + 1 {
                let ns = o.at(["metadata", "namespace"])?.string
                let chart = o.at(["spec", "chart", "spec", "chart"])?.string
                let labelled = o.at(["metadata", "labels", "kserve-canary.io/group"]) != nil
                releases.append(
                    Release(
                        object: i, group: GroupID(namespace: ns, name: String(name.dropLast(variant.count + 1))),
                        variant: variant, predictorNamespace: o.at(["spec", "targetNamespace"])?.string ?? ns,
                        isMemberByItself: labelled || chart.map(Self.modelCharts.contains) == true))
            }
        }
        for r in releases {
            let service = "\(r.group.name)-\(r.variant)-predictor"
            services[Self.serviceKey(service, r.predictorNamespace)] = (r.group, r.variant)
            servicesByName[service, default: []].append((r.group, r.variant, r.predictorNamespace))
        }
        for (i, o) in objects.enumerated()
        where o["kind"] == .string("VirtualService")
            && (o["apiVersion"]?.string ?? "").hasPrefix("networking.istio.io/")
        {
            let ns = o.at(["metadata", "namespace"])?.string
            for section in ["http", "tcp", "tls"] {
                for (r, route) in (o.at(["spec", section])?.array ?? []).enumerated() {
                    let matches = route["match"]?.array ?? []
                    var parsed = Route(
                        object: i, namespace: ns, section: section, index: r,
                        isDefault: section != "http"
                            || Self.isDefault(matches: matches, destinations: route["route"]?.array?.count ?? 0),
                        destinations: [], mirrorHost: route.at(["mirror", "host"])?.string)
                    for item in route["route"]?.array ?? [] {
                        guard let host = item.at(["destination", "host"])?.string else { continue }
                        var target = self.target(of: host, namespace: ns)
                        if target == nil, let other = releaseNamespaceTarget(of: host, namespace: ns) {
                            target = other
                            ambiguous = true
                        }
                        parsed.destinations.append(
                            Destination(
                                host: host, target: target, weight: item["weight"],
                                port: item.at(["destination", "port", "number"])))
                    }
                    routes.append(parsed)
                }
            }
        }
        let routed = Set(routes.flatMap { $0.destinations.compactMap { $0.target?.group } })
        for r in releases where r.isMemberByItself || routed.contains(r.group) { members.insert(r.group) }
    }

    /// The release whose predictor Service `host` names, from a VirtualService in `namespace`.
    func target(of host: String, namespace: String?) -> (group: GroupID, variant: String)? {
        Self.resolve(host, namespace: namespace).flatMap { services[$0] }
    }

    /// A release in the release namespace that a host in an explicit namespace may name, or the
    /// other way round (exactly one candidate); the mirror host is matched the same way.
    func releaseNamespaceTarget(of host: String, namespace: String?) -> (group: GroupID, variant: String)? {
        guard let (service, ns) = Self.resolveParts(host, namespace: namespace) else { return nil }
        let candidates = (servicesByName[service] ?? []).filter { ($0.2 == nil) != (ns == nil) }
        return candidates.count == 1 ? (candidates[0].0, candidates[0].1) : nil
    }

    /// A Service name and namespace as one key (no namespace: the release namespace).
    static func serviceKey(_ service: String, _ namespace: String?) -> String {
        service + "\u{0}" + (namespace ?? "\u{1}release")
    }

    /// Istio: a name without a dot is in the VirtualService's namespace; `svc.ns.svc.cluster.local`
    /// names a Service; any other dotted name is taken verbatim and names no Service of ours.
    static func resolve(_ host: String, namespace: String?) -> String? {
        resolveParts(host, namespace: namespace).map { serviceKey($0.service, $0.namespace) }
    }

    /// `resolve` as a Service name and namespace (nil: the release namespace).
    static func resolveParts(_ host: String, namespace: String?) -> (service: String, namespace: String?)? {
        if !host.contains(".") { return host.isEmpty || host == "*" ? nil : (host, namespace) }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count == 5, labels[2] == "svc", labels[3] == "cluster", labels[4] == "local",
            !labels[0].isEmpty, !labels[1].isEmpty
        else { return nil }
        return (String(labels[0]), String(labels[1]))
    }

    /// The member group whose predictor Service name a host starts with, though it does not resolve to it.
    func lookalike(_ host: String) -> GroupID? {
        let first = host.split(separator: ".", maxSplits: 1).first.map(String.init) ?? host
        return members.first { first == "\($0.name)-primary-predictor" || first == "\($0.name)-canary-predictor" }
    }

    /// Routes that name at least one member predictor.
    var predictorRoutes: [Route] {
        routes.filter { $0.destinations.contains { $0.target.map { members.contains($0.group) } == true } }
    }
}
