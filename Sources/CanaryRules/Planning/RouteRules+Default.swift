import CanaryGroups
import KServeCanaryModel
import StreamObjects

extension RouteRules {
    /// Why `--primary-load` cannot be applied to a routed group none of whose routes is a default
    /// route (`VirtualServiceRoutes.Route.isDefault`): it would change nothing and exit 0 with
    /// the split the user asked to change. Nil when that is right (no canary and `load` 100) or
    /// when no route of the group got as far as its weights (its problems are reported already).
    func noDefaultRoute(_ group: CanaryGroup, load: Int, routes: [RouteTarget]) -> Diagnostic? {
        let own = routes.filter { $0.group == group.key }
        guard let first = own.first else { return nil }
        let name = group.key.name
        guard group.releases[.canary] != nil else {
            if load == 100 { return nil }
            return first.service.object.problem(
                first.route.mark,
                """
                --primary-load \(load) needs a canary, but group \(name) has only its primary; \
                use --primary-load 100 or render the canary
                """
            )
        }
        let listed = own.prefix(4).map { target in
            let route = target.route
            let one = route.match == .path ? " and has one destination" : ""
            return "\(route.label) of \(target.service.subject) \(route.match.description)\(one)"
        }
        return first.service.object.problem(
            first.route.mark,
            """
            --primary-load \(load) has no default route of group \(name) to apply to: every route to its \
            predictors is conditional (\(listed.joined(separator: "; "))), and conditional routes keep their \
            weights; add a route without match, or matching only on uri, that lists both \
            \(CanaryNames.predictor(group: name, variant: .primary)) and \
            \(CanaryNames.predictor(group: name, variant: .canary))
            """
        )
    }
}
