/// The Flux HelmRelease `<name>-primary` / `<name>-canary` of a generated group, in a random layout.
struct ReleaseDocument {
    let plan: GroupPlan
    let variant: String
    let helm4: Bool

    static let uriStyles: [(Int, ScalarStyle)] = [
        (40, .plain), (15, .single), (20, .double), (5, .doubleEscaped), (8, .literal), (2, .literalClip), (8, .folded),
        (4, .doubleRawBreaks),
    ]

    func build(_ rng: inout SeededRandom, features: inout Set<String>) -> LayoutNode {
        let primary = variant == "primary"
        // The model values, by state and mistake.
        var storage: String? = plan.oldURI
        var newStorage: String? = plan.newURI
        switch plan.state {
        case .fresh: break
        case .split: if primary { newStorage = nil } else { storage = nil }
        case .applied:
            newStorage = nil
            if !primary { storage = plan.newURI }
        }
        switch plan.mistake {
        case .sameURI?: newStorage = plan.oldURI
        case .canaryWithoutNewURI? where !primary:
            newStorage = nil
            storage = plan.oldURI
        case .primaryWithoutURI? where primary: storage = nil
        default: break
        }
        if !plan.hasCanary && newStorage != nil {
            // kserve-general's default newStorageUri is "": a render without a canary carries it empty.
            switch rng.weighted([(40, "empty"), (30, "absent"), (30, "uri")]) {
            case "empty":
                newStorage = ""
                features.insert("group.primary-only-empty-newStorageUri")
            case "absent": newStorage = nil
            default: break
            }
        }
        let trick =
            plan.helmLike
            ? "none"
            : rng.weighted([
                (86, "none"), (2, "anchor-storageUri"), (2, "anchor-newStorageUri"), (2, "anchor-args"),
                (2, "anchor-ancestor"), (2, "merge-newStorageUri"), (1, "merge-args"), (2, "alias-storageUri"),
                (1, "anchor-unused"), (1, "duplicate-storageUri"), (1, "duplicate-name"), (1, "duplicate-kind"),
                (1, "tag-str-uri"),
            ])
        if trick != "none" { features.insert("yaml." + trick) }

        func uri(_ text: String, _ role: String) -> LayoutNode {
            if trick == "tag-str-uri" {
                return .raw("!!str " + LayoutEmitter.doubleQuoted(text, gratuitous: false), role: role)
            }
            return .scalar(text, rng.weighted(plan.styles(Self.uriStyles)), role: role)
        }
        var model: [LayoutEntry] = []
        var aside: [LayoutEntry] = []  // spec.values entries next to inferenceservice
        if rng.chance(0.7) {
            model.append(
                LayoutEntry("modelFormat", .map([LayoutEntry("name", .plain("sklearn"))], flow: rng.chance(0.3))))
        }
        if let args = argsNode(&rng, features: &features) {
            if trick == "anchor-args" {
                model.append(LayoutEntry("args", .anchored("args", args)))
                aside.append(LayoutEntry("transformerArgs", .alias("args")))
            } else if trick == "merge-args" {
                aside.append(LayoutEntry("defaults", .anchored("defaults", .map([LayoutEntry("args", args)]))))
                model.append(LayoutEntry("<<", .alias("defaults")))
            } else {
                model.append(LayoutEntry("args", args))
            }
        }
        if let storage {
            if plan.mistake == .nonStringURI && primary {
                model.append(
                    LayoutEntry("storageUri", .raw(rng.pick(["12", "true", "[gs://a/1]", "{uri: gs://a/1}", "0x1F"]))))
            } else if trick == "anchor-storageUri" {
                model.append(LayoutEntry("storageUri", .anchored("uri", uri(storage, "storageUri"))))
                aside.append(LayoutEntry("previousUri", .alias("uri")))
            } else if trick == "alias-storageUri" {
                aside.insert(
                    LayoutEntry("uris", .map([LayoutEntry("current", .anchored("cur", uri(storage, "storageUri")))])),
                    at: 0)
                model.append(LayoutEntry("storageUri", .alias("cur")))
            } else if trick == "duplicate-storageUri" {
                model.append(LayoutEntry("storageUri", .plain("gs://stale/overridden-below")))
                model.append(LayoutEntry("storageUri", uri(storage, "storageUri")))
            } else {
                let node = uri(storage, "storageUri")
                model.append(LayoutEntry("storageUri", trick == "anchor-unused" ? .anchored("unused", node) : node))
            }
        }
        if let newStorage {
            if trick == "anchor-newStorageUri" {
                model.append(LayoutEntry("newStorageUri", .anchored("next", uri(newStorage, "newStorageUri"))))
                aside.append(LayoutEntry("nextUri", .alias("next")))
            } else if trick == "merge-newStorageUri" {
                aside.append(
                    LayoutEntry(
                        "rollout",
                        .anchored("rollout", .map([LayoutEntry("newStorageUri", uri(newStorage, "newStorageUri"))]))))
                model.insert(LayoutEntry("<<", .alias("rollout")), at: 0)
            } else if plan.mistake == .nonStringURI && !primary {
                model.append(LayoutEntry("newStorageUri", .raw(rng.pick(["[gs://b/2]", "2", "false"]))))
            } else {
                model.append(LayoutEntry("newStorageUri", uri(newStorage, "newStorageUri")))
            }
        }
        if rng.chance(0.3) {
            model.append(
                LayoutEntry(
                    "resources",
                    .map(
                        .of([
                            (
                                "requests",
                                .map(
                                    [
                                        LayoutEntry("cpu", .scalar("100m", .plain)),
                                        LayoutEntry("memory", .raw("256Mi")),
                                    ], flow: rng.chance(0.5))
                            ),
                            ("limits", rng.chance(0.5) ? .map([LayoutEntry("memory", .raw("1Gi"))]) : nil),
                        ]))))
        }
        if rng.chance(0.6) {
            // kserve-general renders toYaml: keys sorted.
            model.sort { $0.key == "<<" ? true : $1.key == "<<" ? false : $0.key < $1.key }
            features.insert("model.sorted-keys")
        } else {
            model = rng.shuffled(model)
        }
        if let i = model.firstIndex(where: { $0.key == "args" }), i + 1 < model.count,
            model[i + 1].key == "newStorageUri"
        {
            features.insert("model.args-then-newStorageUri")
        }
        let modelFlow = !plan.helmLike && rng.chance(0.08)
        if modelFlow { features.insert("model.flow") }
        var predictor: [LayoutEntry] = []
        if rng.chance(0.4) { predictor.append(LayoutEntry("minReplicas", .raw("\(rng.int(0...3))"))) }
        predictor.append(LayoutEntry("model", .map(model, flow: modelFlow)))
        var isvc: LayoutNode = .map(
            [LayoutEntry("predictor", .map(predictor))], flow: !plan.helmLike && rng.chance(0.03))
        if trick == "anchor-ancestor" {
            isvc = .anchored("isvc", isvc)
            aside.append(LayoutEntry("inferenceserviceCopy", .alias("isvc")))
        }
        var values: [LayoutEntry] = []
        if plan.mistake == .modelMissing && primary {
            values.append(LayoutEntry("replicaCount", .raw("2")))
        } else {
            values.append(LayoutEntry("inferenceservice", isvc))
            values += aside
        }
        if rng.chance(0.5) {
            values.append(
                LayoutEntry(
                    "exposeModel", .map([LayoutEntry("enabled", .raw("true")), LayoutEntry("type", .plain("api"))])))
        }
        if trick.hasPrefix("merge") || trick == "alias-storageUri" {
            // Anchors must come before their aliases.
            values.sort { ($0.key == "inferenceservice" ? 1 : 0) < ($1.key == "inferenceservice" ? 1 : 0) }
        }
        return root(values: values, trick: trick, rng: &rng, features: &features)
    }

    private func argsNode(_ rng: inout SeededRandom, features: inout Set<String>) -> LayoutNode? {
        if plan.mistake == .scalarArgs && variant == "primary" { return .raw("--model_name=\(plan.name)") }
        if plan.argsShape == "null" { return .raw(rng.pick(["null", "~", ""]), role: "args") }
        guard let items = plan.args else { return nil }
        let flow = rng.chance(0.25)
        features.insert(flow ? "args.flow" : "args.block")
        let styles: [(Int, ScalarStyle)] =
            flow
            ? [(50, .plain), (25, .double), (25, .single)]
            : [
                (50, .plain), (15, .double), (15, .single), (5, .doubleEscaped), (8, .literal), (7, .folded),
                (4, .doubleRawBreaks),
            ]
        return .seq(items.map { .scalar($0, rng.weighted(plan.styles(styles)), role: "args-item") }, flow: flow)
    }

    private func root(values: [LayoutEntry], trick: String, rng: inout SeededRandom, features: inout Set<String>)
        -> LayoutNode
    {
        let name = "\(plan.name)-\(variant)"
        var metadata: [LayoutEntry] = []
        if trick == "duplicate-name" { metadata.append(LayoutEntry("name", .plain("renamed-\(variant)"))) }
        let styles = plan.styles([(66, .plain), (13, .single), (13, .double), (4, .literal), (4, .folded)])
        metadata.append(LayoutEntry("name", .scalar(name, rng.weighted(styles), role: "name")))
        if let ns = plan.namespace {
            metadata.append(LayoutEntry("namespace", .scalar(ns, rng.weighted(styles), role: "namespace")))
        }
        if plan.labelled {
            metadata.append(
                LayoutEntry(
                    "labels",
                    .map([
                        LayoutEntry("app.kubernetes.io/name", .plain(plan.name)),
                        LayoutEntry("kserve-canary.io/group", .scalar(plan.name, .plain, role: "label")),
                        LayoutEntry("kserve-canary.io/variant", .plain(variant)),
                    ])))
        }
        if helm4 {
            metadata.append(
                LayoutEntry(
                    "annotations",
                    .map([
                        LayoutEntry(
                            "postrenderer.helm.sh/postrender-filename",
                            .plain("kserve-general/templates/hr-\(variant).yaml"))
                    ])))
        }
        if rng.chance(0.5) && trick != "duplicate-name" { metadata = rng.shuffled(metadata) }
        let chartName: LayoutNode = .scalar("kserve-model", rng.weighted([(60, .plain), (40, .double)]), role: "chart")
        var chartSpec: [LayoutEntry] = [LayoutEntry("chart", chartName)]
        if rng.chance(0.5) { chartSpec.append(LayoutEntry("version", .scalar(">=1.2.0 <2.0.0", .double))) }
        chartSpec.append(
            LayoutEntry(
                "sourceRef",
                .map(
                    [
                        LayoutEntry("kind", .plain("GitRepository")), LayoutEntry("name", .plain("charts-git")),
                        LayoutEntry("namespace", .plain("flux-system")),
                    ], flow: rng.chance(0.3))))
        var spec: [LayoutEntry] = [LayoutEntry("interval", .plain(rng.pick(["5m", "10m", "1h"])))]
        spec.append(LayoutEntry("chart", .map([LayoutEntry("spec", .map(chartSpec))])))
        if let target = plan.targetNamespace {
            // With a targetNamespace, Flux names the Helm release `<target>-<name>` unless releaseName
            // says otherwise; kserve-model names the InferenceService (and so the predictor) after it.
            spec.append(LayoutEntry("targetNamespace", .scalar(target, .plain)))
            spec.append(LayoutEntry("releaseName", .scalar(name, .plain)))
        }
        if rng.chance(0.4) {
            spec.append(
                LayoutEntry("install", .map([LayoutEntry("remediation", .map([LayoutEntry("retries", .raw("1"))]))])))
        }
        if rng.chance(0.6) {
            spec.append(
                LayoutEntry(
                    "valuesFrom",
                    .seq([
                        .map([
                            LayoutEntry("kind", .plain("ConfigMap")),
                            LayoutEntry("name", .plain("namespace-envioroment")),
                            LayoutEntry("valuesKey", .plain("env.yaml")),
                        ])
                    ]), comment: "Merged first, in order; spec.values below is merged on top."))
        }
        spec.append(LayoutEntry("values", .map(values)))
        var top: [LayoutEntry] = [
            LayoutEntry(
                "apiVersion",
                .plain(rng.weighted([(80, "helm.toolkit.fluxcd.io/v2"), (20, "helm.toolkit.fluxcd.io/v2beta2")]))),
            LayoutEntry("kind", .plain("HelmRelease")),
            LayoutEntry("metadata", .map(metadata)),
            LayoutEntry("spec", .map(spec)),
        ]
        if trick == "duplicate-kind" { top.insert(LayoutEntry("kind", .plain("ConfigMap")), at: 0) }
        if rng.chance(0.2) && trick != "duplicate-kind" { top.swapAt(0, 1) }
        return .map(top)
    }
}
