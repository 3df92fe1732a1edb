import CanaryGroups
import KServeCanaryModel
import StreamObjects
import YAMLStream

/// What the rules want the weights of one route to be.
struct RouteTarget {
    let service: VirtualServiceRoutes
    let route: VirtualServiceRoutes.Route
    let group: GroupKey
    /// The variant of each destination, in order.
    let variants: [Variant]
    /// The weights after the rules (one per destination).
    let weights: [Int]

    var current: [Int?] { route.destinations.map(\.weightValue) }

    /// The destinations whose weight must be written, with the weight. A lone destination without
    /// a weight already gets all the traffic and stays as it is.
    var changes: [(destination: VirtualServiceRoutes.Destination, weight: Int)] {
        zip(route.destinations, weights).filter { d, w in
            d.weightValue != w && !(weights.count == 1 && d.weightValue == nil && w == 100)
        }.map { ($0, $1) }
    }

    var needsChange: Bool { !changes.isEmpty }

    /// The weight each variant gets (a lone destination gets everything).
    var share: [Variant: Int] {
        var share: [Variant: Int] = [:]
        for (variant, weight) in zip(variants, weights) { share[variant] = variants.count == 1 ? 100 : weight }
        return share
    }
}

/// The VirtualService rules: every route that names a group's predictors is checked, and its
/// weights are kept, normalized or set from `--primary-load`.
struct RouteRules {
    let stream: CanaryStream
    let options: CanaryOptions
    let members: Set<GroupKey>

    /// Checks every route of `service` that sends traffic to a member group; `defaults` are the
    /// groups one of whose default routes (checked or not) is in the service.
    func plan(_ service: RoutedService) -> (targets: [RouteTarget], problems: [Diagnostic], defaults: Set<GroupKey>) {
        let vs = service.routes
        var targets: [RouteTarget] = []
        var problems: [Diagnostic] = []
        var defaults = Set<GroupKey>()
        func fail(_ mark: YAMLMark, _ message: String) { problems.append(vs.object.problem(mark, message)) }
        for (r, route) in vs.routes.enumerated() {
            let targetsOfRoute = service.targets[r]
            let groups = Set((targetsOfRoute + [service.mirrors[r]]).compactMap(\.key).filter(members.contains))
            guard let key = groups.first else { continue }
            if route.isDefault { defaults.formUnion(groups) }
            if groups.count > 1 {
                fail(
                    route.mark,
                    """
                    \(route.label) mixes destinations of several canary groups \
                    (\(groups.map(\.name).sorted().joined(separator: ", "))); give each group its own route
                    """
                )
                continue
            }
            if route.protocolName != .http {
                fail(
                    route.mark,
                    """
                    \(route.label) sends \(route.protocolName.rawValue) traffic to the predictors of canary group \
                    \(key.name); KServe predictors serve HTTP, route them under http
                    """
                )
                continue
            }
            let group = stream.group(key)
            var ok = checkMirror(route, service.mirrors[r], group: group, fail: fail)
            for entry in route.unreadable {
                fail(
                    entry.mark,
                    """
                    \(route.label) entry \(entry.position) has no destination with a host; Istio requires one, \
                    and the weights of the route cannot be checked without it
                    """
                )
                ok = false
            }
            var variants: [Variant] = []
            for (destination, target) in zip(route.destinations, targetsOfRoute) {
                switch target {
                case .predictor(let k, let variant) where k == key:
                    variants.append(variant)
                    if group.releases[variant] == nil {
                        fail(
                            destination.hostMark,
                            """
                            destination \(destination.host) has no \
                            \(CanaryNames.release(group: key.name, variant: variant)) release in the stream, \
                            so the route would fail; render the canary (set newStorageUri) or remove this \
                            destination
                            """
                        )
                        ok = false
                    }
                case .unexpanded(_, let variant):
                    let fqdn = IstioHost.fqdn(
                        service: CanaryNames.predictor(group: key.name, variant: variant),
                        namespace: group.predictorNamespace(variant) ?? "NAMESPACE")
                    fail(
                        destination.hostMark,
                        """
                        destination \(destination.host): Istio does not expand \"name.namespace\" or \
                        \"name.namespace.svc\" hosts, so this names no Service; \
                        write \(CanaryNames.predictor(group: key.name, variant: variant)) (same namespace) or \
                        \(fqdn)
                        """
                    )
                    ok = false
                case .elsewhere(_, let variant, let namespace):
                    let service = CanaryNames.predictor(group: key.name, variant: variant)
                    let lands = group.predictorNamespace(variant) ?? "NAMESPACE"
                    let fqdn = IstioHost.fqdn(service: service, namespace: lands)
                    fail(
                        destination.hostMark,
                        """
                        destination \(destination.host) is Service \(service) in namespace \
                        \(namespace ?? "of the VirtualService") for Istio, but \
                        \(CanaryNames.release(group: key.name, variant: variant)) puts its predictor in namespace \
                        \(lands) (spec.targetNamespace), so the route would reach no predictor; write \(fqdn)
                        """
                    )
                    ok = false
                default:
                    fail(
                        destination.hostMark,
                        """
                        destination \(destination.host) is not part of canary group \(key.name); \
                        route only to \(CanaryNames.predictor(group: key.name, variant: .primary)) and \
                        \(CanaryNames.predictor(group: key.name, variant: .canary))
                        """
                    )
                    ok = false
                }
                if let port = destination.port {
                    switch port {
                    case .number(let n) where n != CanaryNames.predictorPort:
                        fail(
                            destination.portMark ?? destination.hostMark,
                            """
                            destination \(destination.host) uses port \(n); KServe's predictor Service listens on \
                            port \(CanaryNames.predictorPort)
                            """
                        )
                        ok = false
                    case .invalid(let message, let mark):
                        fail(mark, message)
                        ok = false
                    default: break
                    }
                }
                if case .invalid(let why, let mark) = destination.weight {
                    fail(mark, why)
                    ok = false
                }
            }
            guard ok else { continue }
            if Set(variants).count != variants.count {
                fail(route.mark, "\(route.label) lists the same predictor twice; list each variant once")
                continue
            }
            if variants.isEmpty { continue }
            switch weights(route, in: vs, variants: variants, group: group) {
            case .success(let weights):
                targets.append(RouteTarget(service: vs, route: route, group: key, variants: variants, weights: weights))
            case .failure(let problem):
                problems.append(problem)
            }
        }
        return (targets, problems, defaults)
    }

    private func checkMirror(
        _ route: VirtualServiceRoutes.Route, _ target: HostTarget, group: CanaryGroup,
        fail: (YAMLMark, String) -> Void
    ) -> Bool {
        guard let mirror = route.mirror else { return true }
        switch target {
        case .predictor(let k, let variant) where k == group.key:
            if group.releases[variant] == nil {
                fail(
                    mirror.mark,
                    """
                    mirror host \(mirror.host) has no \(CanaryNames.release(group: k.name, variant: variant)) \
                    release in the stream; remove the mirror or render the canary
                    """
                )
                return false
            }
            return true
        default:
            fail(
                mirror.mark,
                """
                mirror host \(mirror.host) is not a predictor of canary group \(group.key.name); \
                mirror to \(CanaryNames.predictor(group: group.key.name, variant: .canary))
                """
            )
            return false
        }
    }

    /// The weights the route must end up with, or why there are none.
    private func weights(
        _ route: VirtualServiceRoutes.Route, in vs: VirtualServiceRoutes, variants: [Variant],
        group: CanaryGroup
    ) -> Result<[Int], Diagnostic> {
        let current = route.destinations.map(\.weightValue)
        func problem(_ mark: YAMLMark, _ message: String) -> Diagnostic { vs.object.problem(mark, message) }
        if let load = options.primaryLoad, route.isDefault {
            let hasCanary = group.releases[.canary] != nil
            if Set(variants) == [.primary, .canary] {
                return .success(variants.map { $0 == .primary ? load : 100 - load })
            }
            if variants == [.primary] && !hasCanary {
                if load != 100 {
                    return .failure(
                        problem(
                            route.mark,
                            """
                            --primary-load \(load) needs a canary, but group \(group.key.name) has only its \
                            primary; use --primary-load 100 or render the canary
                            """
                        ))
                }
            } else {
                let listed = variants.map { CanaryNames.predictor(group: group.key.name, variant: $0) }.joined(
                    separator: ", ")
                return .failure(
                    problem(
                        route.mark,
                        """
                        --primary-load \(load) cannot be applied to \(route.label): \
                        it routes only to \(listed) while the group has \(hasCanary ? "a canary" : "no canary"); \
                        list both predictors in the route
                        """
                    ))
            }
        }
        let single = current.count == 1
        let valid =
            single
            ? (current[0] == nil || current[0] == 100)
            : current.allSatisfy { $0 != nil } && current.reduce(0) { $0 + ($1 ?? 0) } == 100
        if valid { return .success(single ? [current[0] ?? 100] : current.map { $0! }) }
        let given = current.map { $0 ?? 0 }
        let total = given.reduce(0, +)
        if options.weights == .normalize, total > 0, let normalized = WeightPlanner.normalize(given) {
            return .success(single ? [100] : normalized)
        }
        let listed = zip(route.destinations, current).map { "\($0.host)=\($1.map(String.init) ?? "unset")" }.joined(
            separator: ", ")
        let advice =
            total == 0
            ? "give at least one destination a weight above 0"
            : route.isDefault
                ? "make them integer percentages summing to 100, or run with --weights normalize or --primary-load N"
                : """
                make them integer percentages summing to 100, or run with --weights normalize \
                (--primary-load leaves this route alone: it \(route.match.description))
                """
        let mark =
            route.destinations.first.map { d -> YAMLMark in
                if case .value = d.weight, let mark = d.weightMark { return mark }
                return d.hostMark
            } ?? route.mark
        return .failure(problem(mark, "weights of \(route.label) (\(listed)) total \(total), expected 100; \(advice)"))
    }
}
