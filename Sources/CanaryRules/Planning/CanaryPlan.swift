import CanaryGroups
import KServeCanaryModel
import Platform
import StreamObjects
import YAMLStream

/// What the rules want of a stream: every problem, each member release's record (with its
/// edits) and each route's target weights.
struct CanaryPlan {
    var problems: [Diagnostic] = []
    var releases: [ReleaseRecord] = []
    var routes: [RouteTarget] = []
    var summary: [VariantSummary] = []

    /// The objects the rules change, in words.
    var changes: [PlannedChange] {
        var out: [PlannedChange] = []
        for release in releases {
            guard let model = release.model else { continue }
            let descriptions = model.descriptions
            if !descriptions.isEmpty {
                out.append(
                    PlannedChange(
                        documentNumber: release.documentNumber, subject: release.subject, changes: descriptions))
            }
        }
        for target in routes where target.needsChange {
            let text = target.changes.map { d, w in
                "\(d.host) weight \(d.weightValue.map(String.init) ?? "unset") -> \(w)"
            }
            .joined(separator: ", ")
            out.append(
                PlannedChange(
                    documentNumber: target.service.documentNumber, subject: target.service.subject,
                    changes: ["\(target.route.label): \(text)"]))
        }
        return out.sorted { $0.documentNumber < $1.documentNumber }
    }
}

enum CanaryPlanner {
    /// Applies the rules to every member group of `stream`.
    static func plan(_ stream: CanaryStream, options: CanaryOptions) -> CanaryPlan {
        var plan = CanaryPlan()
        let members = Set(stream.members)
        let routeRules = RouteRules(stream: stream, options: options, members: members)
        var hosts: [GroupKey: [String]] = [:]
        var withDefaultRoute = Set<GroupKey>()
        // Each service is checked on its own (two runs at once); the results are taken in order.
        let checked = DeepStack.concurrentMap(stream.services.count) { i in
            let service = stream.services[i]
            let groups = service.groups(members: members)
            return (groups, groups.isEmpty ? nil : routeRules.plan(service))
        }
        for (service, (groups, routing)) in zip(stream.services, checked) {
            // A service that could not be read to the end may route anywhere: its problems count.
            if !groups.isEmpty || service.routes.unreadable { plan.problems += service.routes.problems }
            guard let (targets, problems, defaults) = routing else { continue }
            for key in groups { hosts[key, default: []] += service.routes.hosts }
            plan.problems += problems
            plan.routes += targets
            withDefaultRoute.formUnion(defaults)
        }
        // The weights each group's routes give it: the first default route decides (see
        // `VirtualServiceRoutes.Route.isDefault`), else the first route.
        var shares: [GroupKey: [Variant: Int]] = [:]
        var decidedByDefault = Set<GroupKey>()
        for target in plan.routes where !decidedByDefault.contains(target.group) {
            if target.route.isDefault {
                shares[target.group] = target.share
                decidedByDefault.insert(target.group)
            } else if shares[target.group] == nil {
                shares[target.group] = target.share
            }
        }
        // Each group on its own (two runs at once), taken in order.
        let routes = plan.routes
        let planned = DeepStack.concurrentMap(stream.members.count) { i in
            planGroup(
                stream.group(stream.members[i]), options: options, rules: routeRules, routes: routes,
                hasDefaultRoute: withDefaultRoute.contains(stream.members[i]),
                share: shares[stream.members[i]], hosts: hosts[stream.members[i]] ?? [])
        }
        for group in planned {
            plan.problems += group.problems
            plan.releases += group.releases
            plan.summary += group.summary
        }
        return plan
    }

    /// The problems, releases and summary of one member group.
    private static func planGroup(
        _ group: CanaryGroup, options: CanaryOptions, rules: RouteRules, routes: [RouteTarget],
        hasDefaultRoute: Bool, share: [Variant: Int]?, hosts: [String]
    ) -> (problems: [Diagnostic], releases: [ReleaseRecord], summary: [VariantSummary]) {
        let key = group.key
        var problems = ReleaseRules.problems(group)
        if let load = options.primaryLoad, !group.isRouted, let primary = group.releases[.primary] {
            problems.append(
                primary.problem(
                    primary.nameMark,
                    """
                    --primary-load \(load) given, but no VirtualService routes to \
                    \(CanaryNames.predictor(group: key.name, variant: .primary))
                    """
                ))
        }
        if let load = options.primaryLoad, group.isRouted, !hasDefaultRoute,
            let problem = rules.noDefaultRoute(group, load: load, routes: routes)
        {
            problems.append(problem)
        }
        return (
            problems, Variant.allCases.compactMap { group.releases[$0] },
            summary(group, share: share, hosts: hosts)
        )
    }

    /// The variants of `group` as they will be served.
    private static func summary(_ group: CanaryGroup, share: [Variant: Int]?, hosts: [String]) -> [VariantSummary] {
        Variant.allCases.compactMap { variant in
            guard let release = group.releases[variant] else { return nil }
            return VariantSummary(
                namespace: group.key.namespace ?? "", group: group.key.name, variant: variant, release: release.name,
                modelName: group.key.name, storageUri: release.model?.finalStorageUri ?? "",
                weight: share.map { $0[variant] ?? 0 }, hosts: hosts)
        }
    }
}
