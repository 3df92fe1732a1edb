import CanaryGroups
import KServeCanaryModel
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
        for service in stream.services {
            let groups = service.groups(members: members)
            // A service that could not be read to the end may route anywhere: its problems count.
            if !groups.isEmpty || service.routes.unreadable { plan.problems += service.routes.problems }
            guard !groups.isEmpty else { continue }
            for key in groups { hosts[key, default: []] += service.routes.hosts }
            let (targets, problems, defaults) = routeRules.plan(service)
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
        for key in stream.members {
            let group = stream.group(key)
            plan.problems += ReleaseRules.problems(group)
            plan.releases += Variant.allCases.compactMap { group.releases[$0] }
            if let load = options.primaryLoad, !group.isRouted, let primary = group.releases[.primary] {
                plan.problems.append(
                    primary.problem(
                        primary.nameMark,
                        """
                        --primary-load \(load) given, but no VirtualService routes to \
                        \(CanaryNames.predictor(group: key.name, variant: .primary))
                        """
                    ))
            }
            if let load = options.primaryLoad, group.isRouted, !withDefaultRoute.contains(key),
                let problem = routeRules.noDefaultRoute(group, load: load, routes: plan.routes)
            {
                plan.problems.append(problem)
            }
            plan.summary += summary(group, share: shares[key], hosts: hosts[key] ?? [])
        }
        return plan
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
