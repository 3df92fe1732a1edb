/// Releases and VirtualServices of other charts: the `-primary`/`-canary` names and value paths of
/// a canary group, but not ours.
extension FillerDocuments {
    static func nginxPair(_ rng: inout SeededRandom, _ meta: (String) -> LayoutNode, _ index: Int)
        -> (docs: [LayoutNode], feature: String)
    {
        // Another chart's pair: same suffixes, even the same value paths, but not kserve-model.
        let docs = ["primary", "canary"].map { variant -> LayoutNode in
            .map([
                LayoutEntry("apiVersion", .plain("helm.toolkit.fluxcd.io/v2")),
                LayoutEntry("kind", .plain("HelmRelease")),
                LayoutEntry("metadata", meta("web\(index)-\(variant)")),
                LayoutEntry(
                    "spec",
                    .map([
                        LayoutEntry(
                            "chart",
                            .map([
                                LayoutEntry(
                                    "spec",
                                    .map([
                                        LayoutEntry("chart", .plain("nginx")),
                                        LayoutEntry(
                                            "sourceRef",
                                            .map(
                                                [
                                                    LayoutEntry("kind", .plain("HelmRepository")),
                                                    LayoutEntry("name", .plain("bitnami")),
                                                ], flow: true)),
                                    ]))
                            ])),
                        LayoutEntry(
                            "values",
                            .map([
                                LayoutEntry("replicaCount", .raw(variant == "primary" ? "3" : "1")),
                                LayoutEntry(
                                    "inferenceservice",
                                    .map([
                                        LayoutEntry(
                                            "predictor",
                                            .map([
                                                LayoutEntry(
                                                    "model",
                                                    .map([
                                                        LayoutEntry(
                                                            "storageUri", .scalar("gs://web/site/1", .plain)),
                                                        LayoutEntry(
                                                            "newStorageUri", .scalar("gs://web/site/2", .single)),
                                                        LayoutEntry("args", .seq([.plain("--model_name=web")])),
                                                    ]))
                                            ]))
                                    ])),
                            ])),
                    ])),
            ])
        }
        let vs: LayoutNode = .map([
            LayoutEntry("apiVersion", .plain("networking.istio.io/v1")),
            LayoutEntry("kind", .plain("VirtualService")),
            LayoutEntry("metadata", meta("web\(index)")),
            LayoutEntry(
                "spec",
                .map([
                    LayoutEntry(
                        "http",
                        .seq([
                            .map([
                                LayoutEntry(
                                    "route",
                                    .seq([
                                        .map([
                                            LayoutEntry(
                                                "destination",
                                                .map([LayoutEntry("host", .plain("web\(index)-primary"))])),
                                            LayoutEntry("weight", .raw("070")),
                                        ]),
                                        .map([
                                            LayoutEntry(
                                                "destination",
                                                .map([LayoutEntry("host", .plain("web\(index)-canary"))])),
                                            LayoutEntry("weight", .raw("\"20\"")),
                                        ]),
                                    ]))
                            ])
                        ]))
                ])),
        ])
        return (rng.chance(0.5) ? docs + [vs] : docs, "other-chart.pair")
    }

    static func unrelatedVirtualService(_ rng: inout SeededRandom, _ meta: (String) -> LayoutNode, _ index: Int)
        -> (docs: [LayoutNode], feature: String)
    {
        (
            [
                .map([
                    LayoutEntry("apiVersion", .plain("networking.istio.io/v1beta1")),
                    LayoutEntry("kind", .plain("VirtualService")),
                    LayoutEntry("metadata", meta("reviews\(index)")),
                    LayoutEntry(
                        "spec",
                        .map([
                            LayoutEntry(
                                "http",
                                .seq([
                                    .map([
                                        LayoutEntry(
                                            "route",
                                            .seq([
                                                .map([
                                                    LayoutEntry(
                                                        "destination",
                                                        .map([
                                                            LayoutEntry(
                                                                "host", .plain("reviews-primary-predictor.other"))
                                                        ])),
                                                    LayoutEntry(
                                                        "weight", .raw(rng.pick(["\"60\"", "060", "0x3C"]))),
                                                ]),
                                                .map(
                                                    [
                                                        LayoutEntry(
                                                            "destination",
                                                            .map(
                                                                [LayoutEntry("host", .plain("ratings"))], flow: true
                                                            )),
                                                        LayoutEntry("weight", .raw("30")),
                                                    ], flow: rng.chance(0.5)),
                                            ]))
                                    ])
                                ]))
                        ])),
                ])
            ], "other.unrelated-virtualservice"
        )
    }

    static func standaloneModel(_ rng: inout SeededRandom, _ meta: (String) -> LayoutNode, _ index: Int)
        -> (docs: [LayoutNode], feature: String)
    {
        // A kserve-model release outside any group: no -primary/-canary suffix.
        (
            [
                .map([
                    LayoutEntry("apiVersion", .plain("helm.toolkit.fluxcd.io/v2")),
                    LayoutEntry("kind", .plain("HelmRelease")),
                    LayoutEntry("metadata", meta("standalone\(index)")),
                    LayoutEntry(
                        "spec",
                        .map([
                            LayoutEntry(
                                "chart",
                                .map([LayoutEntry("spec", .map([LayoutEntry("chart", .plain("kserve-model"))]))])),
                            LayoutEntry(
                                "values",
                                .map([
                                    LayoutEntry(
                                        "inferenceservice",
                                        .map([
                                            LayoutEntry(
                                                "predictor",
                                                .map([
                                                    LayoutEntry(
                                                        "model",
                                                        .map([
                                                            LayoutEntry("storageUri", .plain("gs://solo/1")),
                                                            LayoutEntry("newStorageUri", .plain("gs://solo/2")),
                                                        ]))
                                                ]))
                                        ]))
                                ])),
                        ])),
                ])
            ], "other.standalone-model-release"
        )
    }

    static func otherChartValues(_ rng: inout SeededRandom, _ meta: (String) -> LayoutNode, _ index: Int)
        -> (docs: [LayoutNode], feature: String)
    {
        (
            [
                .map([
                    LayoutEntry("apiVersion", .plain("helm.toolkit.fluxcd.io/v2")),
                    LayoutEntry("kind", .plain("HelmRelease")),
                    LayoutEntry("metadata", meta("db\(index)-primary")),
                    LayoutEntry(
                        "spec",
                        .map([
                            LayoutEntry(
                                "chart",
                                .map([
                                    LayoutEntry(
                                        "spec", .map([LayoutEntry("chart", .plain("postgresql"))], flow: true))
                                ])),
                            LayoutEntry(
                                "values",
                                .map([
                                    LayoutEntry("storageUri", .scalar("keep me", .double)),
                                    LayoutEntry("newStorageUri", .scalar("and me", .single)),
                                ])),
                        ])),
                ])
            ], "other-chart.single-primary"
        )
    }
}
