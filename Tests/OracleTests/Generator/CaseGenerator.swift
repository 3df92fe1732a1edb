/// One generated input: a multi-document stream, the command line to post-render it with, and
/// the layout features it exercises (for the per-feature outcome table).
struct OracleCase: Sendable {
    /// `<seed>-<index>`, or a regression file's name.
    var id: String
    /// The stream fed to the binary on stdin.
    var stream: [UInt8]
    /// Arguments of `kserve-canary` (empty: the bare Helm 3 post-renderer form).
    var arguments: [String]
    /// Layout features, e.g. `storageUri.literal`, `weight.octal-trap`, `stream.crlf`.
    var features: Set<String>
}

/// Deterministic generator of kserve-general-like `helm template` streams: canary groups
/// (HelmReleases `<name>-primary`/`-canary` of kserve-model plus the VirtualService) among
/// unrelated documents, in every layout the tool must read as Kubernetes does.
struct CaseGenerator {
    let seed: UInt64

    func make(index: Int) -> OracleCase {
        var rng = SeededRandom(seed: seed, stream: UInt64(index))
        var features: Set<String> = []

        // Command line.
        var arguments: [String] = []
        let mode = rng.weighted([(50, "default"), (20, "normalize"), (22, "primary-load"), (8, "both")])
        features.insert("option." + mode)
        var primaryLoad: Int?
        if mode == "normalize" || mode == "both" { arguments += ["--weights", "normalize"] }
        if mode == "primary-load" || mode == "both" {
            primaryLoad = Spellings.primaryLoad(&rng)
            arguments += ["--primary-load", String(primaryLoad!)]
        }
        if !arguments.isEmpty || rng.chance(0.3) { arguments.insert("post-render", at: 0) }
        if rng.chance(0.05) {
            arguments += ["--weights", "strict"]
            if arguments.first != "post-render" { arguments.insert("post-render", at: 0) }
        }

        // Groups.
        let helm4 = rng.chance(0.15)
        if helm4 { features.insert("stream.helm4-annotations") }
        let groupCount = rng.weighted([(60, 1), (28, 2), (9, 3), (3, 0)])
        features.insert(groupCount > 1 ? "groups.several" : "groups.\(groupCount)")
        let helmLike = rng.chance(0.35)
        features.insert(helmLike ? "profile.helm-like" : "profile.adversarial")
        let anyMistake = rng.chance(0.12)
        let mistakeAt = anyMistake ? rng.int(0...max(0, groupCount - 1)) : -1
        var plans: [GroupPlan] = []
        var usedNames: Set<String> = []
        let sharedNamespace: String?? = rng.chance(0.7) ? .some(namespace(&rng)) : nil
        for g in 0..<groupCount {
            var name = rng.pick(GroupPlan.names)
            while usedNames.contains(name) { name = rng.pick(GroupPlan.names) + "\(g)" }
            usedNames.insert(name)
            let ns = sharedNamespace ?? namespace(&rng)
            var plan = GroupPlan.make(
                name: name, namespace: ns, rng: &rng, allowMistake: g == mistakeAt, helmLike: helmLike)
            if plan.mistake == .primaryOnlyRoute && primaryLoad == nil {
                plan.mistake = nil  // a route to the primary alone is fine without --primary-load
                plan.features.remove("mistake.primary-only-route")
            }
            if let load = primaryLoad, !plan.hasCanary, rng.chance(0.7) {
                // A primary-only group only takes --primary-load 100; keep most such cases valid.
                arguments[arguments.firstIndex(of: String(load))!] = "100"
                primaryLoad = 100
            }
            plans.append(plan)
            features.formUnion(plan.features)
        }

        // Documents: each group in kserve-general's template order (canary, primary, virtualservice).
        var emitter = LayoutEmitter(rng: SeededRandom(seed: seed ^ 0x5EED, stream: UInt64(index)))
        emitter.indentSequences = rng.chance(0.6)
        emitter.commentRate = rng.weighted([(50, 0.0), (35, 0.05), (15, 0.25)])
        if emitter.commentRate > 0 { features.insert("stream.comments") }
        var documents: [(text: String, source: String)] = []
        for (g, plan) in plans.enumerated() {
            var groupDocs: [(LayoutNode, String)] = []
            if plan.hasCanary {
                groupDocs.append(
                    (
                        ReleaseDocument(plan: plan, variant: "canary", helm4: helm4).build(&rng, features: &features),
                        "hr-canary.yaml"
                    ))
            }
            if plan.mistake != .noPrimary {
                groupDocs.append(
                    (
                        ReleaseDocument(plan: plan, variant: "primary", helm4: helm4).build(&rng, features: &features),
                        "hr-primary.yaml"
                    ))
            }
            if plan.hasVirtualService {
                var vs = VirtualServiceDocument(plan: plan, helm4: helm4)
                if plans.count > 1 && g == 0 && rng.chance(0.03) {
                    vs.otherGroup = plans[1]
                    features.insert("mistake.route-mixes-groups")
                }
                groupDocs.append((vs.build(&rng, features: &features), "virtualservice.yaml"))
            }
            if groupDocs.count > 1 && !helmLike && rng.chance(0.06) {
                // A kind: List wrapping some of the group's documents.
                let wrapped = groupDocs.prefix(rng.int(1...groupDocs.count))
                features.insert("list.wraps-group-documents")
                let list: LayoutNode = .map([
                    LayoutEntry("apiVersion", .plain("v1")), LayoutEntry("kind", .plain("List")),
                    LayoutEntry("items", .seq(wrapped.map(\.0))),
                ])
                groupDocs = [(list, "list.yaml")] + groupDocs.dropFirst(wrapped.count)
            }
            for (node, source) in groupDocs {
                documents.append((emitter.document(node), "kserve-general/templates/" + source))
            }
        }
        for f in 0..<rng.weighted([(30, 0), (40, 1), (20, 2), (10, 4)]) {
            let filler = FillerDocuments.make(&rng, namespace: sharedNamespace ?? nil, index: f)
            features.insert(filler.feature)
            for node in filler.docs {
                documents.append((emitter.document(node), "other/templates/\(filler.feature).yaml"))
            }
        }
        if rng.chance(0.5) {
            documents = rng.shuffled(documents)
            features.insert("stream.shuffled")
        }
        features.formUnion(emitter.features)
        // Its own generator, so that the other choices of a case stay what they were without it.
        var constructs = SeededRandom(seed: seed ^ 0x4B55_4245, stream: UInt64(index))
        return OracleCase(
            id: "\(seed)-\(index)", stream: assemble(documents, &rng, &features, constructs: &constructs),
            arguments: arguments, features: features)
    }

    private func namespace(_ rng: inout SeededRandom) -> String? {
        rng.weighted([
            (70, GroupPlan.namespaces[rng.int(0...GroupPlan.namespaces.count - 1)]), (22, nil),
            (8, GroupPlan.trickyNamespaces[rng.int(0...GroupPlan.trickyNamespaces.count - 1)]),
        ])
    }

    /// Joins documents as Helm prints them, then applies stream-wide layouts (markers, the
    /// constructs kubectl splits or scans differently from libyaml, CRLF, BOM).
    private func assemble(
        _ documents: [(text: String, source: String)], _ rng: inout SeededRandom,
        _ features: inout Set<String>, constructs: inout SeededRandom
    ) -> [UInt8] {
        let sourceComments = rng.chance(0.8)
        let endMarkers = rng.chance(0.05)
        let emptyDocuments = rng.chance(0.08)
        if endMarkers { features.insert("stream.document-end-markers") }
        if emptyDocuments { features.insert("stream.empty-documents") }
        var text = ""
        for (i, doc) in documents.enumerated() {
            if i > 0 || rng.chance(0.7) { text += rng.chance(0.05) ? "--- # next\n" : "---\n" }
            if emptyDocuments && rng.chance(0.3) { text += "# an empty document\n---\n" }
            if sourceComments { text += "# Source: \(doc.source)\n" }
            text += doc.text
            if endMarkers && rng.chance(0.5) { text += "...\n" }
        }
        if text.hasPrefix("{") || text.hasPrefix("[") { text = "# flow document\n" + text }
        StreamConstructs.apply(&text, &constructs, &features)
        var bytes = Array(text.utf8)
        if rng.chance(0.04) && bytes.last == 0x0A {
            bytes.removeLast()
            features.insert("stream.no-final-newline")
        }
        if rng.chance(0.1) {
            bytes = bytes.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
            features.insert("stream.crlf")
        }
        if rng.chance(0.08) {
            bytes = [0xEF, 0xBB, 0xBF] + bytes
            features.insert("stream.bom")
        }
        return bytes
    }
}
