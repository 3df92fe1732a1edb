/// The Istio VirtualService `<name>-predictor` of a generated group, routing to the predictors.
struct VirtualServiceDocument {
    let plan: GroupPlan
    let helm4: Bool
    /// Another group whose predictor one destination names (the `route-mixes-groups` mistake).
    var otherGroup: GroupPlan?

    func build(_ rng: inout SeededRandom, features: inout Set<String>) -> LayoutNode {
        let destinationFlow = rng.chance(0.15)
        if destinationFlow { features.insert("route.flow-destinations") }
        let weightStyle = plan.helmLike ? "decimal" : rng.weighted(Spellings.weightStyles)

        func host(_ variant: String, for group: GroupPlan) -> String {
            let service = "\(group.name)-\(variant)-predictor"
            switch group.mistake {
            case .dottedHost?:
                features.insert("host.name-ns")
                return "\(service).\(group.predictorNamespace!)"
            case .dottedSvcHost?:
                features.insert("host.name-ns-svc")
                return "\(service).\(group.predictorNamespace!).svc"
            case .targetNamespaceShortHost?:
                features.insert("host.short")
                return service
            default: break
            }
            if let target = group.predictorNamespace ?? group.virtualServiceNamespace,
                group.targetNamespace != nil || rng.chance(0.4)
            {
                features.insert("host.fqdn")
                return "\(service).\(target).svc.cluster.local"
            }
            features.insert("host.short")
            return service
        }
        func destination(_ host: String, weight: String?, port: String? = "80") -> LayoutNode {
            let hostStyle = rng.weighted(
                plan.styles([(75, ScalarStyle.plain), (15, .double), (6, .single), (4, .literal)]))
            var dest: [LayoutEntry] = [LayoutEntry("host", .scalar(host, hostStyle, role: "host"))]
            if let port, rng.chance(0.7) || port != "80" {
                dest.append(LayoutEntry("port", .map([LayoutEntry("number", .raw(port))])))
            }
            var entries: [LayoutEntry] = [
                LayoutEntry("destination", .map(dest, flow: destinationFlow || rng.chance(0.1)))
            ]
            if let weight {
                entries.append(
                    LayoutEntry(
                        "weight",
                        weight.hasPrefix("|")
                            ? .scalar(String(weight.dropFirst()), .literal, role: "weight")
                            : .raw(weight, role: "weight")))
            }
            return .map(entries, flow: destinationFlow)
        }
        func weights(_ values: [Int]) -> [String] {
            features.insert("weight." + weightStyle)
            return values.map { Spellings.weight($0, style: weightStyle, rng: &rng) }
        }

        var routes: [LayoutNode] = []
        if plan.hasCanary && rng.chance(0.25) {
            features.insert("route.header-match")
            for variant in ["canary", "primary"] {
                let both = rng.chance(0.1)
                if both { features.insert("route.header-match-both-variants") }
                let dests =
                    both
                    ? [
                        destination(host("primary", for: plan), weight: "50"),
                        destination(host("canary", for: plan), weight: "50"),
                    ]
                    : [destination(host(variant, for: plan), weight: rng.chance(0.7) ? "100" : nil)]
                let match = forcedMatch(variant, &rng, features: &features)
                routes.append(
                    .map(
                        [
                            LayoutEntry("name", .plain("\(plan.name)-\(variant)-forced")),
                            LayoutEntry("match", .seq(match)),
                            LayoutEntry("route", .seq(dests)),
                        ], flow: false))
            }
        }
        // The default route.
        var dests: [LayoutNode] = []
        let p = plan.primaryLoad
        let withCanary =
            (plan.hasCanary && plan.mistake != .primaryOnlyRoute) || plan.mistake == .canaryRouteWithoutCanary
        let primaryPort = plan.mistake == .port8080 ? "8080" : "80"
        if withCanary {
            let kind = rng.weighted(
                plan.helmLike
                    ? [(95, "pair"), (5, "sum-not-100")]
                    : [(88, "pair"), (5, "sum-not-100"), (4, "missing-weight"), (3, "anchor-alias")])
            features.insert("weights." + kind)
            switch kind {
            case "sum-not-100":
                let w = weights(rng.pick([[2, 1], [60, 30], [50, 60], [0, 0], [1, 1]]))
                dests = [
                    destination(host("primary", for: plan), weight: w[0], port: primaryPort),
                    destination(host("canary", for: plan), weight: w[1]),
                ]
            case "missing-weight":
                dests = [
                    destination(host("primary", for: plan), weight: weights([p])[0], port: primaryPort),
                    destination(host("canary", for: plan), weight: nil),
                ]
            case "anchor-alias":
                dests = [
                    destination(host("primary", for: plan), weight: "&w 50", port: primaryPort),
                    destination(host("canary", for: plan), weight: "*w"),
                ]
            default:
                let w = weights([p, 100 - p])
                dests = [
                    destination(host("primary", for: plan), weight: w[0], port: primaryPort),
                    destination(host("canary", for: plan), weight: w[1]),
                ]
            }
            if kind != "anchor-alias" && rng.chance(0.2) {
                dests.reverse()
                features.insert("route.canary-first")
            }
        } else {
            features.insert("route.primary-only")
            let w: String? = rng.chance(0.5) ? nil : weights([100])[0]
            dests = [destination(host("primary", for: plan), weight: w, port: primaryPort)]
        }
        if plan.mistake == .foreignDestination {
            dests.append(destination(rng.pick(["reviews", "ratings.default.svc.cluster.local"]), weight: "0"))
        }
        if let other = otherGroup {
            dests.append(
                destination(
                    "\(other.name)-primary-predictor" + (other.namespace.map { ".\($0).svc.cluster.local" } ?? ""),
                    weight: "0"))
        }
        var route: [LayoutEntry] = [LayoutEntry("name", .plain("\(plan.name)-predictor"))]
        if rng.chance(0.5) {
            features.insert("route.default-uri-match")
            route.append(
                LayoutEntry(
                    "match", .seq([.map([LayoutEntry("uri", .map([LayoutEntry("regex", .scalar("^/.+$", .double))]))])])
                ))
        } else {
            features.insert("route.default-no-match")
        }
        route.append(LayoutEntry("route", .seq(dests)))
        if withCanary && plan.hasCanary && rng.chance(0.06) {
            features.insert("route.mirror")
            route.append(
                LayoutEntry(
                    "mirror",
                    .map([
                        LayoutEntry("host", .plain(host("canary", for: plan))),
                        LayoutEntry("port", .map([LayoutEntry("number", .raw("80"))])),
                    ])))
            route.append(LayoutEntry("mirrorPercentage", .map([LayoutEntry("value", .raw("100.0"))])))
        }
        if rng.chance(0.4) { route.append(LayoutEntry("timeout", .plain("30s"))) }
        routes.append(.map(route, flow: rng.chance(0.03)))

        var spec: [LayoutEntry] = [
            LayoutEntry("gateways", .seq([.plain("istio-system/sample-gateway")], flow: rng.chance(0.3))),
            LayoutEntry(
                "hosts", .seq([.plain("\(plan.name)-predictor-\(plan.namespace ?? "ns").api.dev-uw2.sample.io")])),
            LayoutEntry("http", .seq(routes, flow: rng.chance(0.03))),
        ]
        for l4 in ["tcp", "tls"] where withCanary && plan.hasCanary && !plan.helmLike && rng.chance(0.04) {
            features.insert("route." + l4)
            let match: LayoutNode =
                l4 == "tcp"
                ? .map([LayoutEntry("port", .raw("31400"))])
                : .map([
                    LayoutEntry("port", .raw("443")),
                    LayoutEntry("sniHosts", .seq([.plain("\(plan.name).example.com")], flow: true)),
                ])
            spec.append(
                LayoutEntry(
                    l4,
                    .seq([
                        .map([
                            LayoutEntry("match", .seq([match])),
                            LayoutEntry(
                                "route",
                                .seq([
                                    destination(host("primary", for: plan), weight: "\(p)"),
                                    destination(host("canary", for: plan), weight: "\(100 - p)"),
                                ])),
                        ])
                    ])))
        }
        var metadata: [LayoutEntry] = [LayoutEntry("name", .plain("\(plan.name)-predictor"))]
        if let ns = plan.virtualServiceNamespace {
            metadata.append(
                LayoutEntry(
                    "namespace",
                    .scalar(
                        ns, rng.weighted(plan.styles([(70, .plain), (24, .single), (6, .folded)])),
                        role: "namespace")))
        }
        if helm4 {
            metadata.append(
                LayoutEntry(
                    "annotations",
                    .map([
                        LayoutEntry(
                            "postrenderer.helm.sh/postrender-filename",
                            .plain("kserve-general/templates/virtualservice.yaml"))
                    ])))
        }
        return .map([
            LayoutEntry(
                "apiVersion",
                .plain(
                    rng.weighted([
                        (70, "networking.istio.io/v1"), (20, "networking.istio.io/v1beta1"),
                        (10, "networking.istio.io/v1alpha3"),
                    ]))),
            LayoutEntry("kind", .plain("VirtualService")),
            LayoutEntry("metadata", .map(metadata)),
            LayoutEntry("spec", .map(spec)),
        ])
    }
}

extension VirtualServiceDocument {
    /// The `match` entries of a forced-variant route: kserve-general's (uri and a header), or any
    /// other Istio condition, alone or combined, or a uri-only path (a default route when it
    /// lists both predictors), or a list of entries any of which selects.
    func forcedMatch(_ variant: String, _ rng: inout SeededRandom, features: inout Set<String>) -> [LayoutNode] {
        let uri = LayoutEntry("uri", .map([LayoutEntry("regex", .scalar("^/.+$", .double))]))
        let kind = rng.weighted([
            (40, "uri-headers"), (12, "query-params"), (8, "uri-prefix"), (8, "method-authority"),
            (6, "without-headers"), (6, "source-labels-port"), (6, "or-headers-uri"), (6, "empty-entry"),
            (8, "headers"), (4, "catch-all-prefix"),
        ])
        features.insert("route.forced-" + kind)
        func exact(_ key: String, _ value: String) -> LayoutNode {
            .map([LayoutEntry(key, .map([LayoutEntry("exact", .plain(value))]))])
        }
        switch kind {
        case "query-params":
            return [.map([LayoutEntry("queryParams", exact("variant", variant))])]
        case "uri-prefix":
            return [.map([LayoutEntry("uri", .map([LayoutEntry("prefix", .plain("/\(variant)/"))]))])]
        case "catch-all-prefix":
            // Every path: a route Istio reaches first, whatever follows it.
            return [.map([LayoutEntry("uri", .map([LayoutEntry("prefix", .plain("/"))]))])]
        case "method-authority":
            return [
                .map([
                    uri, LayoutEntry("method", .map([LayoutEntry("exact", .plain("POST"))])),
                    LayoutEntry("authority", .map([LayoutEntry("exact", .plain("\(variant).example.com"))])),
                ])
            ]
        case "without-headers":
            return [.map([LayoutEntry("withoutHeaders", exact("x-kserve-not", variant))])]
        case "source-labels-port":
            return [
                .map([
                    LayoutEntry("sourceLabels", .map([LayoutEntry("app", .plain("\(variant)-tester"))])),
                    LayoutEntry("port", .raw("80")),
                ])
            ]
        case "or-headers-uri":
            return [
                .map([LayoutEntry("headers", exact("x-kserve-variant", variant))]),
                .map([LayoutEntry("uri", .map([LayoutEntry("prefix", .plain("/\(variant)/"))]))]),
            ]
        case "empty-entry":
            return [
                .map([LayoutEntry("queryParams", exact("variant", variant))]),
                .map([LayoutEntry("name", .plain("any"))]),
            ]
        case "headers":
            return [.map([LayoutEntry("headers", exact("x-kserve-variant", variant))])]
        default:
            return [.map([uri, LayoutEntry("headers", exact("x-kserve-variant", variant))])]
        }
    }
}
