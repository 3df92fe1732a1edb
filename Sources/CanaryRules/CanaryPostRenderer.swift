import YAMLStream

/// Applies the canary rules to a rendered kserve-general stream.
///
/// A canary group is a Flux HelmRelease `<name>-primary`, optionally `<name>-canary` in the same
/// namespace, and the VirtualService(s) routing to `<name>-primary-predictor` /
/// `<name>-canary-predictor`. For each group:
/// 1. both releases' `spec.values.inferenceservice.predictor.model.args` end with exactly one
///    `--model_name=<name>`;
/// 2. primary keeps `storageUri`, canary's `storageUri` becomes its `newStorageUri`, and
///    `newStorageUri` is removed from both;
/// 3. VirtualService weights are checked (`strict`), normalized, or set from `primaryLoad`.
/// Every other byte of the stream is left alone. The result is idempotent.
public struct CanaryPostRenderer: Sendable {
    /// The run's settings.
    public var options: CanaryOptions
    /// The YAML parser settings.
    public var parser: YAMLStreamParser

    /// Creates a post-renderer.
    public init(options: CanaryOptions = CanaryOptions(), parser: YAMLStreamParser = YAMLStreamParser()) {
        self.options = options
        self.parser = parser
    }

    /// Analyses `source` and plans the edits.
    public func run(_ source: SourceBuffer) -> PostRenderResult {
        var releases: [ReleaseFacts] = []
        var services: [VirtualServiceFacts] = []
        var diagnostics: [Diagnostic] = []

        // Only HelmReleases and VirtualServices matter; other documents are checked, not built.
        var parser = self.parser
        parser.interest = { key, value in
            guard key == "kind" else { return .undecided }
            return value == "HelmRelease" || value == "VirtualService" ? .keep : .skip
        }
        let outcome = parser.parse(source) { doc in
            guard let identity = DocumentIdentity(doc) else { return }
            if identity.kind == "HelmRelease" && identity.apiVersion.hasPrefix("helm.toolkit.fluxcd.io/") {
                for variant in Variant.allCases where identity.name.hasSuffix(variant.suffix) && identity.name.count > variant.suffix.count {
                    let group = GroupKey(namespace: identity.namespace, name: String(identity.name.dropLast(variant.suffix.count)))
                    var facts = ReleaseAnalyzer(doc: doc, identity: identity, variant: variant, group: group).analyze()
                    facts.diagnostics += Diagnostic.duplicateKeys(in: doc, subject: identity.subject)
                    releases.append(facts)
                }
            } else if identity.kind == "VirtualService" && identity.apiVersion.hasPrefix("networking.istio.io/") {
                services.append(VirtualServiceAnalyzer(doc: doc, identity: identity).analyze())
            }
        }
        for error in outcome.errors {
            diagnostics.append(Diagnostic(mark: error.mark, documentNumber: error.documentNumber, subject: nil,
                                          message: "invalid YAML: \(error.message)"))
        }

        var edits: [ByteEdit] = []
        var summary: [VariantSummary] = []
        resolveGroups(releases: releases, services: services, edits: &edits, diagnostics: &diagnostics, summary: &summary)

        diagnostics.sort { ($0.mark.offset, $0.documentNumber) < ($1.mark.offset, $1.documentNumber) }
        if EditApplier.ordered(edits) == nil {
            diagnostics.append(Diagnostic(mark: YAMLMark(offset: 0, line: 1, column: 1), documentNumber: 1, subject: nil,
                                          message: "internal error: overlapping edits; please report this input"))
        }
        return PostRenderResult(edits: diagnostics.isEmpty ? edits : [], diagnostics: diagnostics,
                                summary: summary, documentCount: outcome.documentCount)
    }

    // MARK: - Groups

    private func resolveGroups(releases: [ReleaseFacts], services: [VirtualServiceFacts],
                               edits: inout [ByteEdit], diagnostics: inout [Diagnostic], summary: inout [VariantSummary]) {
        var byGroup: [GroupKey: [Variant: ReleaseFacts]] = [:]
        var duplicates: [ReleaseFacts] = []
        for release in releases {
            if byGroup[release.group]?[release.variant] != nil { duplicates.append(release) }
            else { byGroup[release.group, default: [:]][release.variant] = release }
        }
        // Which candidate groups each VirtualService route points at (hosts resolved once).
        var targets: [[RouteTargets]] = []
        var routedGroups: [Int: Set<GroupKey>] = [:]
        for (i, vs) in services.enumerated() {
            let ns = vs.identity.namespace
            targets.append(vs.routes.map { route in
                RouteTargets(destinations: route.destinations.map { groupOf(host: $0.host, namespace: ns, candidates: byGroup) },
                             mirror: route.mirrorHost.flatMap { groupOf(host: $0, namespace: ns, candidates: byGroup) })
            })
            for route in targets[i] { routedGroups[i, default: []].formUnion(route.groups) }
        }
        let routed = Set(routedGroups.values.flatMap { $0 })

        // Membership: labelled, a model chart, a partner release, or routed to by a VirtualService.
        var members: [GroupKey: [Variant: ReleaseFacts]] = [:]
        for (key, variants) in byGroup {
            let isMember = variants.count == 2 || routed.contains(key) || variants.values.contains {
                $0.identity.labels[CanaryLabels.group] != nil || $0.chart.map(options.modelCharts.contains) == true
            }
            if isMember { members[key] = variants }
        }
        for release in duplicates where members[release.group] != nil {
            diagnostics.append(Diagnostic(mark: release.identity.nameMark, documentNumber: release.documentNumber, subject: release.subject,
                                          message: "HelmRelease \(release.identity.name) appears more than once in namespace \(display(release.group.namespace)); render each release once"))
        }

        var weightsByGroup: [GroupKey: [Variant: Int]] = [:]
        var hostsByGroup: [GroupKey: [String]] = [:]
        var primaryLoadUsed = Set<GroupKey>()
        for (i, vs) in services.enumerated() {
            let keys = (routedGroups[i] ?? []).filter { members[$0] != nil }
            guard !keys.isEmpty else { continue }
            diagnostics += vs.diagnostics
            for key in keys { hostsByGroup[key, default: []] += vs.hosts }
            checkVirtualService(vs, targets: targets[i].map { $0.restricted { members[$0] != nil } },
                                members: members, edits: &edits, diagnostics: &diagnostics,
                                weights: &weightsByGroup, primaryLoadUsed: &primaryLoadUsed)
        }

        for key in members.keys.sorted() {
            let variants = members[key]!
            guard let primary = variants[.primary] else {
                let canary = variants[.canary]!
                diagnostics.append(Diagnostic(mark: canary.identity.nameMark, documentNumber: canary.documentNumber, subject: canary.subject,
                                              message: "canary release \(canary.identity.name) has no \(key.name)-primary in the stream; render both releases (kserve-general) or remove the canary"))
                continue
            }
            for variant in Variant.allCases {
                guard let release = variants[variant] else { continue }
                diagnostics += release.diagnostics
                edits += release.edits
                if let label = release.identity.labels[CanaryLabels.group], label != key.name {
                    diagnostics.append(Diagnostic(mark: release.identity.nameMark, documentNumber: release.documentNumber, subject: release.subject,
                                                  message: "label \(CanaryLabels.group)=\(label) does not match the release name (group \(key.name))"))
                }
                if let label = release.identity.labels[CanaryLabels.variant], label != variant.rawValue {
                    diagnostics.append(Diagnostic(mark: release.identity.nameMark, documentNumber: release.documentNumber, subject: release.subject,
                                                  message: "label \(CanaryLabels.variant)=\(label) contradicts the release name suffix \(variant.suffix)"))
                }
            }
            if let canary = variants[.canary], let uri = canary.newStorageUri, uri == primary.storageUri {
                // Would serve the primary's model, and could not be told apart from a forgotten newStorageUri later.
                diagnostics.append(Diagnostic(mark: canary.newStorageMark ?? canary.storageMark, documentNumber: canary.documentNumber, subject: canary.subject,
                                              message: "newStorageUri equals the primary's storageUri (\(uri)); the canary would serve the primary's model. Set newStorageUri to the new model's URI"))
            }
            if let canary = variants[.canary], canary.diagnostics.isEmpty, canary.newStorageUri == nil {
                // Already post-rendered, or newStorageUri forgotten? Applied iff it serves another model.
                let applied = canary.storageUri != nil && canary.storageUri != primary.storageUri
                if !applied {
                    diagnostics.append(Diagnostic(mark: canary.storageMark, documentNumber: canary.documentNumber, subject: canary.subject,
                                                  message: "canary release has no newStorageUri, so it would serve the primary's model; set inferenceservice.predictor.model.newStorageUri to the new model's URI, or remove the canary"))
                }
            }
            if options.primaryLoad != nil && !primaryLoadUsed.contains(key) && routed.contains(key) == false {
                diagnostics.append(Diagnostic(mark: primary.identity.nameMark, documentNumber: primary.documentNumber, subject: primary.subject,
                                              message: "--primary-load given, but no VirtualService routes to \(key.name)-primary-predictor"))
            }
            for variant in Variant.allCases {
                guard let release = variants[variant] else { continue }
                summary.append(VariantSummary(
                    namespace: key.namespace, group: key.name, variant: variant, release: release.identity.name,
                    modelName: key.name, storageUri: release.finalStorageUri ?? "",
                    weight: weightsByGroup[key]?[variant] ?? (weightsByGroup[key] != nil ? 0 : nil),
                    hosts: hostsByGroup[key] ?? []))
            }
        }
    }

    /// The group and variant a destination host points at, if it is one of the candidates.
    private func groupOf(host: String, namespace: String, candidates: [GroupKey: [Variant: ReleaseFacts]]) -> (GroupKey, Variant)? {
        guard let service = ServiceHost(host, defaultNamespace: namespace) else { return nil }
        for variant in Variant.allCases {
            let suffix = variant.suffix + "-predictor"
            guard service.service.hasSuffix(suffix), service.service.count > suffix.count else { continue }
            let key = GroupKey(namespace: service.namespace, name: String(service.service.dropLast(suffix.count)))
            if candidates[key] != nil { return (key, variant) }
        }
        return nil
    }

    private func display(_ namespace: String) -> String { namespace.isEmpty ? "(none)" : namespace }

    // MARK: - VirtualService weights

    private func checkVirtualService(_ vs: VirtualServiceFacts, targets: [RouteTargets], members: [GroupKey: [Variant: ReleaseFacts]],
                                     edits: inout [ByteEdit], diagnostics: inout [Diagnostic],
                                     weights: inout [GroupKey: [Variant: Int]], primaryLoadUsed: inout Set<GroupKey>) {
        func fail(_ mark: YAMLMark, _ message: String) {
            diagnostics.append(Diagnostic(mark: mark, documentNumber: vs.documentNumber, subject: vs.subject, message: message))
        }
        for (route, target) in zip(vs.routes, targets) {
            // Every destination must belong to one group's pair.
            let resolved = target.destinations
            var routeGroups = Set(resolved.compactMap { $0?.0 })
            if let mirror = route.mirrorHost, let mark = route.mirrorMark {
                if let (key, variant) = target.mirror {
                    routeGroups.insert(key)
                    if members[key]?[variant] == nil {
                        fail(mark, "mirror host \(mirror) has no \(key.name)\(variant.suffix) release in the stream; remove the mirror or render the canary")
                    }
                } else if !routeGroups.isEmpty {
                    fail(mark, "mirror host \(mirror) is not a predictor of canary group \(routeGroups.first!.name); mirror to \(routeGroups.first!.name)-canary-predictor")
                }
            }
            guard !routeGroups.isEmpty else { continue }
            if routeGroups.count > 1 {
                fail(route.mark, "http route \(route.index) mixes destinations of several canary groups (\(routeGroups.map(\.name).sorted().joined(separator: ", "))); give each group its own route")
                continue
            }
            let key = routeGroups.first!
            var bad = false
            for (d, g) in zip(route.destinations, resolved) {
                guard let (_, variant) = g else {
                    fail(d.hostMark, "destination \(d.host) is not part of canary group \(key.name); route only to \(Variant.primary.predictorService(group: key.name)) and \(Variant.canary.predictorService(group: key.name))")
                    bad = true
                    continue
                }
                if members[key]?[variant] == nil {
                    fail(d.hostMark, "destination \(d.host) has no \(key.name)\(variant.suffix) release in the stream, so the route would fail; render the canary (set newStorageUri) or remove this destination")
                    bad = true
                }
                if let port = d.port, port != 80 {
                    fail(d.portMark ?? d.hostMark, "destination \(d.host) uses port \(port == -1 ? "(not an integer)" : String(port)); KServe's predictor Service listens on port 80")
                    bad = true
                }
                if case .invalid(let why) = d.weight {
                    fail(d.weightMark, why)
                    bad = true
                }
            }
            if bad { continue }
            let variants = resolved.map { $0!.1 }
            if Set(variants).count != variants.count {
                fail(route.mark, "http route \(route.index) lists the same predictor twice; list each variant once")
                continue
            }
            var current: [Int?] = route.destinations.map { if case .value(let n) = $0.weight { n } else { nil } }
            let single = route.destinations.count == 1
            var target: [Int]?

            if let load = options.primaryLoad, variants.count == 2 {
                primaryLoadUsed.insert(key)
                target = variants.map { $0 == .primary ? load : 100 - load }
            } else if let load = options.primaryLoad, variants == [.primary], members[key]?[.canary] == nil {
                primaryLoadUsed.insert(key)
                if load != 100 {
                    fail(route.mark, "--primary-load \(load) needs a canary, but group \(key.name) has only its primary; use --primary-load 100 or render the canary")
                    continue
                }
            }
            if target == nil {
                let valid: Bool
                if single {
                    valid = current[0] == nil || current[0] == 100
                } else {
                    valid = current.allSatisfy { $0 != nil } && current.reduce(0) { $0 + ($1 ?? 0) } == 100
                }
                if !valid {
                    let given = current.map { $0 ?? 0 }
                    let total = given.reduce(0, +)
                    if options.weights == .strict || total == 0 {
                        let listed = zip(route.destinations, current).map { "\($0.host)=\($1.map(String.init) ?? "unset")" }.joined(separator: ", ")
                        let advice = total == 0
                            ? "give at least one destination a weight above 0"
                            : "make them integer percentages summing to 100, or run with --weights normalize or --primary-load N"
                        fail(route.destinations.first?.weightMark ?? route.mark,
                             "weights of http route \(route.index) (\(listed)) total \(total), expected 100; \(advice)")
                        continue
                    }
                    target = WeightPlanner.normalize(given)
                }
            }
            if let target {
                for (i, d) in route.destinations.enumerated() where current[i] != target[i] {
                    guard let edit = d.weightEdit(target[i]) else {
                        fail(d.weightMark, "cannot write the weight of \(d.host) in place: \(d.insertionError ?? "unsupported layout")")
                        continue
                    }
                    edits.append(edit)
                    current[i] = target[i]
                }
            }
            // The default (unmatched) route decides the summary's weights.
            if !route.hasMatch || weights[key] == nil {
                var w: [Variant: Int] = [:]
                for (v, c) in zip(variants, current) { w[v] = c ?? 100 }
                weights[key] = w
            }
        }
    }
}
