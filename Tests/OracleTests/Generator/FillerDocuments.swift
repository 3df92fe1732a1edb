/// Documents the tool does not own, which must pass through unchanged by kubectl's reading:
/// other charts' `-primary`/`-canary` pairs, unrelated VirtualServices with odd weights, ConfigMaps
/// with block scalars, Lists with anchors, Deployments whose args mention `--model_name`.
enum FillerDocuments {
    /// One unrelated document (or, for `pair`, two) and its feature name.
    static func make(_ rng: inout SeededRandom, namespace: String?, index: Int) -> (docs: [LayoutNode], feature: String) {
        let ns: [LayoutEntry] = namespace.map { [LayoutEntry("namespace", .plain($0))] } ?? []
        func meta(_ name: String) -> LayoutNode { .map([LayoutEntry("name", .plain(name))] + ns) }
        let kind = rng.weighted([(5, "nginx-pair"), (3, "unrelated-virtualservice"), (4, "configmap"), (2, "list"),
                                 (2, "deployment"), (1, "secret"), (2, "standalone-model"), (1, "other-chart-values")])
        switch kind {
        case "nginx-pair":
            // Another chart's pair: same suffixes, even the same value paths, but not kserve-model.
            let docs = ["primary", "canary"].map { variant -> LayoutNode in
                .map([
                    LayoutEntry("apiVersion", .plain("helm.toolkit.fluxcd.io/v2")),
                    LayoutEntry("kind", .plain("HelmRelease")),
                    LayoutEntry("metadata", meta("web\(index)-\(variant)")),
                    LayoutEntry("spec", .map([
                        LayoutEntry("chart", .map([LayoutEntry("spec", .map([LayoutEntry("chart", .plain("nginx")),
                            LayoutEntry("sourceRef", .map([LayoutEntry("kind", .plain("HelmRepository")),
                                                           LayoutEntry("name", .plain("bitnami"))], flow: true))]))])),
                        LayoutEntry("values", .map([
                            LayoutEntry("replicaCount", .raw(variant == "primary" ? "3" : "1")),
                            LayoutEntry("inferenceservice", .map([LayoutEntry("predictor", .map([LayoutEntry("model", .map([
                                LayoutEntry("storageUri", .scalar("gs://web/site/1", .plain)),
                                LayoutEntry("newStorageUri", .scalar("gs://web/site/2", .single)),
                                LayoutEntry("args", .seq([.plain("--model_name=web")])),
                            ]))]))])),
                        ])),
                    ])),
                ])
            }
            let vs: LayoutNode = .map([
                LayoutEntry("apiVersion", .plain("networking.istio.io/v1")),
                LayoutEntry("kind", .plain("VirtualService")),
                LayoutEntry("metadata", meta("web\(index)")),
                LayoutEntry("spec", .map([LayoutEntry("http", .seq([.map([LayoutEntry("route", .seq([
                    .map([LayoutEntry("destination", .map([LayoutEntry("host", .plain("web\(index)-primary"))])),
                          LayoutEntry("weight", .raw("070"))]),
                    .map([LayoutEntry("destination", .map([LayoutEntry("host", .plain("web\(index)-canary"))])),
                          LayoutEntry("weight", .raw("\"20\""))]),
                ]))])]))])),
            ])
            return (rng.chance(0.5) ? docs + [vs] : docs, "other-chart.pair")
        case "unrelated-virtualservice":
            return ([.map([
                LayoutEntry("apiVersion", .plain("networking.istio.io/v1beta1")),
                LayoutEntry("kind", .plain("VirtualService")),
                LayoutEntry("metadata", meta("reviews\(index)")),
                LayoutEntry("spec", .map([LayoutEntry("http", .seq([.map([LayoutEntry("route", .seq([
                    .map([LayoutEntry("destination", .map([LayoutEntry("host", .plain("reviews-primary-predictor.other"))])),
                          LayoutEntry("weight", .raw(rng.pick(["\"60\"", "060", "0x3C"])))]),
                    .map([LayoutEntry("destination", .map([LayoutEntry("host", .plain("ratings"))], flow: true)),
                          LayoutEntry("weight", .raw("30"))], flow: rng.chance(0.5)),
                ]))])]))])),
            ])], "other.unrelated-virtualservice")
        case "configmap":
            return ([.map([
                LayoutEntry("apiVersion", .plain("v1")),
                LayoutEntry("kind", .plain("ConfigMap")),
                LayoutEntry("metadata", meta("settings-\(index)")),
                LayoutEntry("data", .map([
                    LayoutEntry("values.yaml", .scalar("inferenceservice:\n  predictor:\n    model:\n      storageUri: gs://x\n"
                                                       + "      newStorageUri: gs://y\n---\nnot: a document", .literal)),
                    LayoutEntry("folded", .scalar("a long line that is folded by the yaml reader", .folded)),
                    LayoutEntry("nel", .scalar("line\u{85}next\u{2028}ls\u{2029}ps", .double)),
                    LayoutEntry("octal-looking", .scalar("0600", .single)),
                    LayoutEntry("bool-looking", .scalar("yes", .double)),
                    LayoutEntry("unicode", .plain("modèle — 模型 ✓")),
                ])),
            ])], "other.configmap")
        case "list":
            return ([.map([
                LayoutEntry("apiVersion", .plain("v1")),
                LayoutEntry("kind", .plain("List")),
                LayoutEntry("items", .seq([
                    .map([LayoutEntry("apiVersion", .plain("v1")), LayoutEntry("kind", .plain("ServiceAccount")),
                          LayoutEntry("metadata", .map([LayoutEntry("name", .plain("sa-\(index)")),
                                                        LayoutEntry("labels", .anchored("l\(index)", .map([LayoutEntry("team", .plain("ml"))])))]))]),
                    .map([LayoutEntry("apiVersion", .plain("v1")), LayoutEntry("kind", .plain("ConfigMap")),
                          LayoutEntry("metadata", .map([LayoutEntry("name", .plain("cm-\(index)")),
                                                        LayoutEntry("labels", .alias("l\(index)"))])),
                          LayoutEntry("data", .map([LayoutEntry("<<", .map([LayoutEntry("merged", .plain("yes-string"))], flow: true)),
                                                    LayoutEntry("k", .plain("v"))]))]),
                ])),
            ])], "other.list-with-anchors")
        case "deployment":
            return ([.map([
                LayoutEntry("apiVersion", .plain("apps/v1")),
                LayoutEntry("kind", .plain("Deployment")),
                LayoutEntry("metadata", meta("transformer-\(index)")),
                LayoutEntry("spec", .map([
                    LayoutEntry("replicas", .raw("010")),
                    LayoutEntry("template", .map([LayoutEntry("spec", .map([LayoutEntry("containers", .seq([.map([
                        LayoutEntry("name", .plain("t")),
                        LayoutEntry("image", .plain("registry.example.com/t:1.0")),
                        LayoutEntry("args", .seq([.plain("--model_name"), .plain("sklearn"), .plain("--predictor_host"),
                                                  .plain("sklearn-primary-predictor")], flow: rng.chance(0.5))),
                        LayoutEntry("env", .seq([.map([LayoutEntry("name", .plain("STORAGE_URI")),
                                                       LayoutEntry("value", .plain("gs://bucket/sklearn/v1"))])])),
                    ])]))]))])),
                ])),
            ])], "other.deployment")
        case "secret":
            return ([.map([
                LayoutEntry("apiVersion", .plain("v1")),
                LayoutEntry("kind", .plain("Secret")),
                LayoutEntry("metadata", meta("creds-\(index)")),
                LayoutEntry("type", .plain("Opaque")),
                LayoutEntry("stringData", .map([LayoutEntry("token", .scalar("abc: def # not a comment", .single)),
                                                LayoutEntry("n", .raw("!!str 0x10"))])),
            ])], "other.secret")
        case "standalone-model":
            // A kserve-model release outside any group: no -primary/-canary suffix.
            return ([.map([
                LayoutEntry("apiVersion", .plain("helm.toolkit.fluxcd.io/v2")),
                LayoutEntry("kind", .plain("HelmRelease")),
                LayoutEntry("metadata", meta("standalone\(index)")),
                LayoutEntry("spec", .map([
                    LayoutEntry("chart", .map([LayoutEntry("spec", .map([LayoutEntry("chart", .plain("kserve-model"))]))])),
                    LayoutEntry("values", .map([LayoutEntry("inferenceservice", .map([LayoutEntry("predictor", .map([
                        LayoutEntry("model", .map([LayoutEntry("storageUri", .plain("gs://solo/1")),
                                                   LayoutEntry("newStorageUri", .plain("gs://solo/2"))])),
                    ]))]))])),
                ])),
            ])], "other.standalone-model-release")
        default:
            return ([.map([
                LayoutEntry("apiVersion", .plain("helm.toolkit.fluxcd.io/v2")),
                LayoutEntry("kind", .plain("HelmRelease")),
                LayoutEntry("metadata", meta("db\(index)-primary")),
                LayoutEntry("spec", .map([
                    LayoutEntry("chart", .map([LayoutEntry("spec", .map([LayoutEntry("chart", .plain("postgresql"))], flow: true))])),
                    LayoutEntry("values", .map([LayoutEntry("storageUri", .scalar("keep me", .double)),
                                                LayoutEntry("newStorageUri", .scalar("and me", .single))])),
                ])),
            ])], "other-chart.single-primary")
        }
    }
}
