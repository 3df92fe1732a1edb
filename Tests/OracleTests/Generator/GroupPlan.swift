/// What one generated canary group looks like: names, namespaces, values and the deliberate
/// mistakes (if any). Layout choices are made later, per document.
struct GroupPlan {
    enum State: String {
        /// Both releases carry storageUri and newStorageUri (what kserve-general renders).
        case fresh
        /// The primary has no newStorageUri; the canary has only newStorageUri.
        case split
        /// Already post-rendered: no newStorageUri anywhere, the canary serves the new URI.
        case applied
    }

    /// Rule violations the oracle must see refused (their effect is decided by kubectl's reading).
    enum Mistake: String, CaseIterable {
        case sameURI = "same-uri"
        case canaryWithoutNewURI = "canary-without-new-uri"
        case noPrimary = "canary-without-primary"
        case primaryWithoutURI = "primary-without-uri"
        case nonStringURI = "non-string-uri"
        case foreignDestination = "foreign-destination"
        case port8080 = "port-8080"
        case dottedHost = "host-name-ns"
        case dottedSvcHost = "host-name-ns-svc"
        case canaryRouteWithoutCanary = "route-to-missing-canary"
        case scalarArgs = "args-scalar"
        case modelMissing = "model-missing"
        case primaryOnlyRoute = "primary-only-route"
        case mixedGroups = "route-mixes-groups"
        case targetNamespaceShortHost = "target-namespace-short-host"
    }

    var name: String
    var namespace: String?
    /// The VirtualService's `metadata.namespace` (differs from `namespace` only when one is absent).
    var virtualServiceNamespace: String?
    var targetNamespace: String?
    var hasCanary: Bool
    var state: State
    var oldURI: String
    var newURI: String
    var args: [String]?
    var argsShape: String
    var labelled: Bool
    var hasVirtualService: Bool
    var primaryLoad: Int
    var mistake: Mistake?
    /// Only layouts `helm template` of kserve-general produces (plain or quoted scalars, decimal
    /// weights, no anchors, block scalars or duplicate keys): refusing such a stream is a defect.
    var helmLike = false
    /// Features of the plan itself (the emitter adds layout features).
    var features: Set<String> = []

    /// `styles` without the layouts Helm never writes, for a Helm-like group.
    func styles(_ styles: [(Int, ScalarStyle)]) -> [(Int, ScalarStyle)] {
        helmLike ? styles.filter { [.plain, .single, .double].contains($0.1) } : styles
    }

    /// The namespace the predictor Services land in, when known.
    var predictorNamespace: String? { targetNamespace ?? namespace }

    static let names = [
        "sklearn", "iris", "fraud", "bert", "xgb-churn", "m1", "llama-3b", "on", "yes", "null",
        "true", "a0", "e1", "model-0600", "x",
    ]
    static let namespaces = ["sample-dev", "models", "ml-prod", "team-a", "default"]
    /// Namespaces that YAML 1.1 would read as something else when written plain.
    static let trickyNamespaces = ["on", "no", "null", "0700", "1e3", "true"]

    static func make(
        name: String, namespace: String?, rng: inout SeededRandom, allowMistake: Bool,
        helmLike: Bool
    ) -> GroupPlan {
        let uris = helmLike ? Spellings.simpleURIs(name, rng: &rng) : Spellings.uris(name, rng: &rng)
        let args = Spellings.args(name, rng: &rng)
        var plan = GroupPlan(
            name: name, namespace: namespace, virtualServiceNamespace: namespace, targetNamespace: nil,
            hasCanary: rng.chance(0.85),
            state: rng.weighted([(75, .fresh), (12, .split), (13, .applied)]), oldURI: uris.old, newURI: uris.new,
            args: args.items, argsShape: args.shape, labelled: rng.chance(0.4), hasVirtualService: rng.chance(0.9),
            primaryLoad: Spellings.primaryLoad(&rng), mistake: nil, helmLike: helmLike)
        if let feature = uris.feature { plan.features.insert(feature) }
        plan.features.insert("args." + args.shape)
        if (args.items ?? []).contains(where: {
            $0.unicodeScalars.contains { [0x85, 0x2028, 0x2029].contains($0.value) }
        }) {
            plan.features.insert("args.unicode-break")
        }
        if namespace == nil {
            plan.features.insert("namespace.absent")
        } else if Self.trickyNamespaces.contains(namespace!) {
            plan.features.insert("namespace.yaml11-word")
        }
        if !helmLike && rng.chance(0.06) {
            // Only one side names the namespace (hand-written or mixed renders): the release namespace
            // may or may not be that one.
            if namespace == nil {
                plan.virtualServiceNamespace = rng.pick(namespaces)
                plan.features.insert("namespace.only-on-virtualservice")
            } else {
                plan.virtualServiceNamespace = nil
                plan.features.insert("namespace.only-on-releases")
            }
        } else if namespace != nil && rng.chance(0.1) {
            plan.targetNamespace = rng.pick(["serving", "models-live", namespace!])
            plan.features.insert("target-namespace")
        }
        if !plan.hasCanary {
            plan.state = .fresh
            plan.features.insert("group.primary-only")
        } else {
            plan.features.insert("state." + plan.state.rawValue)
        }
        if !plan.hasVirtualService { plan.features.insert("group.no-virtualservice") }
        if plan.labelled { plan.features.insert("group.labelled") }
        if allowMistake {
            var candidates = Mistake.allCases.filter { $0 != .mixedGroups }
            if !plan.hasCanary {
                candidates.removeAll { [.sameURI, .canaryWithoutNewURI, .noPrimary, .primaryOnlyRoute].contains($0) }
            }
            if plan.hasCanary { candidates.removeAll { $0 == .canaryRouteWithoutCanary } }
            if plan.predictorNamespace == nil { candidates.removeAll { [.dottedHost, .dottedSvcHost].contains($0) } }
            if plan.targetNamespace == nil || plan.targetNamespace == namespace {
                candidates.removeAll { $0 == .targetNamespaceShortHost }
            }
            if !plan.hasVirtualService {
                candidates.removeAll {
                    [
                        .foreignDestination, .port8080, .dottedHost, .dottedSvcHost, .canaryRouteWithoutCanary,
                        .primaryOnlyRoute, .targetNamespaceShortHost,
                    ].contains($0)
                }
            }
            plan.mistake = rng.pick(candidates)
            plan.features.insert("mistake." + plan.mistake!.rawValue)
            if plan.mistake == .sameURI { plan.state = .fresh }
        }
        return plan
    }
}
