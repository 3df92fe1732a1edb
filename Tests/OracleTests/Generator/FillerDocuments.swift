/// Documents the tool does not own, which must pass through unchanged by kubectl's reading:
/// other charts' `-primary`/`-canary` pairs, unrelated VirtualServices with odd weights, ConfigMaps
/// with block scalars, Lists with anchors, Deployments whose args mention `--model_name`.
enum FillerDocuments {
    /// One unrelated document (or, for `pair`, two) and its feature name.
    static func make(_ rng: inout SeededRandom, namespace: String?, index: Int) -> (docs: [LayoutNode], feature: String)
    {
        let ns: [LayoutEntry] = namespace.map { [LayoutEntry("namespace", .plain($0))] } ?? []
        func meta(_ name: String) -> LayoutNode { .map([LayoutEntry("name", .plain(name))] + ns) }
        let kind = rng.weighted([
            (5, "nginx-pair"), (3, "unrelated-virtualservice"), (4, "configmap"), (2, "list"),
            (2, "deployment"), (1, "secret"), (2, "standalone-model"), (1, "other-chart-values"),
        ])
        switch kind {
        case "nginx-pair":
            return nginxPair(&rng, meta, index)
        case "unrelated-virtualservice":
            return unrelatedVirtualService(&rng, meta, index)
        case "configmap":
            return configMap(&rng, meta, index)
        case "list":
            return list(&rng, meta, index)
        case "deployment":
            return deployment(&rng, meta, index)
        case "secret":
            return secret(&rng, meta, index)
        case "standalone-model":
            return standaloneModel(&rng, meta, index)
        default:
            return otherChartValues(&rng, meta, index)
        }
    }

    static func configMap(_ rng: inout SeededRandom, _ meta: (String) -> LayoutNode, _ index: Int)
        -> (docs: [LayoutNode], feature: String)
    {
        (
            [
                .map([
                    LayoutEntry("apiVersion", .plain("v1")),
                    LayoutEntry("kind", .plain("ConfigMap")),
                    LayoutEntry("metadata", meta("settings-\(index)")),
                    LayoutEntry(
                        "data",
                        .map([
                            LayoutEntry(
                                "values.yaml",
                                .scalar(
                                    "inferenceservice:\n  predictor:\n    model:\n      storageUri: gs://x\n"
                                        + "      newStorageUri: gs://y\n---\nnot: a document", .literal)),
                            LayoutEntry(
                                "folded", .scalar("a long line that is folded by the yaml reader", .folded)),
                            LayoutEntry("nel", .scalar("line\u{85}next\u{2028}ls\u{2029}ps", .double)),
                            LayoutEntry("octal-looking", .scalar("0600", .single)),
                            LayoutEntry("bool-looking", .scalar("yes", .double)),
                            LayoutEntry("unicode", .plain("modèle — 模型 ✓")),
                        ])),
                ])
            ], "other.configmap"
        )
    }

    static func list(_ rng: inout SeededRandom, _ meta: (String) -> LayoutNode, _ index: Int)
        -> (docs: [LayoutNode], feature: String)
    {
        (
            [
                .map([
                    LayoutEntry("apiVersion", .plain("v1")),
                    LayoutEntry("kind", .plain("List")),
                    LayoutEntry(
                        "items",
                        .seq([
                            .map([
                                LayoutEntry("apiVersion", .plain("v1")),
                                LayoutEntry("kind", .plain("ServiceAccount")),
                                LayoutEntry(
                                    "metadata",
                                    .map([
                                        LayoutEntry("name", .plain("sa-\(index)")),
                                        LayoutEntry(
                                            "labels",
                                            .anchored("l\(index)", .map([LayoutEntry("team", .plain("ml"))]))),
                                    ])),
                            ]),
                            .map([
                                LayoutEntry("apiVersion", .plain("v1")), LayoutEntry("kind", .plain("ConfigMap")),
                                LayoutEntry(
                                    "metadata",
                                    .map([
                                        LayoutEntry("name", .plain("cm-\(index)")),
                                        LayoutEntry("labels", .alias("l\(index)")),
                                    ])),
                                LayoutEntry(
                                    "data",
                                    .map([
                                        LayoutEntry(
                                            "<<", .map([LayoutEntry("merged", .plain("yes-string"))], flow: true)),
                                        LayoutEntry("k", .plain("v")),
                                    ])),
                            ]),
                        ])),
                ])
            ], "other.list-with-anchors"
        )
    }

    static func deployment(_ rng: inout SeededRandom, _ meta: (String) -> LayoutNode, _ index: Int)
        -> (docs: [LayoutNode], feature: String)
    {
        (
            [
                .map([
                    LayoutEntry("apiVersion", .plain("apps/v1")),
                    LayoutEntry("kind", .plain("Deployment")),
                    LayoutEntry("metadata", meta("transformer-\(index)")),
                    LayoutEntry(
                        "spec",
                        .map([
                            LayoutEntry("replicas", .raw("010")),
                            LayoutEntry(
                                "template",
                                .map([
                                    LayoutEntry(
                                        "spec",
                                        .map([
                                            LayoutEntry(
                                                "containers",
                                                .seq([
                                                    .map([
                                                        LayoutEntry("name", .plain("t")),
                                                        LayoutEntry("image", .plain("registry.example.com/t:1.0")),
                                                        LayoutEntry(
                                                            "args",
                                                            .seq(
                                                                [
                                                                    .plain("--model_name"), .plain("sklearn"),
                                                                    .plain("--predictor_host"),
                                                                    .plain("sklearn-primary-predictor"),
                                                                ], flow: rng.chance(0.5))),
                                                        LayoutEntry(
                                                            "env",
                                                            .seq([
                                                                .map([
                                                                    LayoutEntry("name", .plain("STORAGE_URI")),
                                                                    LayoutEntry(
                                                                        "value", .plain("gs://bucket/sklearn/v1")),
                                                                ])
                                                            ])),
                                                    ])
                                                ]))
                                        ]))
                                ])),
                        ])),
                ])
            ], "other.deployment"
        )
    }

    static func secret(_ rng: inout SeededRandom, _ meta: (String) -> LayoutNode, _ index: Int)
        -> (docs: [LayoutNode], feature: String)
    {
        (
            [
                .map([
                    LayoutEntry("apiVersion", .plain("v1")),
                    LayoutEntry("kind", .plain("Secret")),
                    LayoutEntry("metadata", meta("creds-\(index)")),
                    LayoutEntry("type", .plain("Opaque")),
                    LayoutEntry(
                        "stringData",
                        .map([
                            LayoutEntry("token", .scalar("abc: def # not a comment", .single)),
                            LayoutEntry("n", .raw("!!str 0x10")),
                        ])),
                ])
            ], "other.secret"
        )
    }
}
