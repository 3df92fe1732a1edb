/// The canary rules (README.md, issue 10) applied to kubectl's reading of the input: what kubectl
/// must read from a correct output, or that no correct output exists. Written from the rules,
/// never from the tool's behaviour.
enum RulesOracle {
    static let modelPath = ["spec", "values", "inferenceservice", "predictor", "model"]

    static func expect(_ input: [JSONValue], _ options: PostRenderOptions) -> Expectation {
        let model = StreamModel(input)
        var objects = input
        var byGroup: [GroupID: [String: StreamModel.Release]] = [:]
        for r in model.releases where model.members.contains(r.group) {
            if byGroup[r.group]?[r.variant] != nil {
                return .refuse("HelmRelease \(r.group.display)-\(r.variant) appears twice")
            }
            byGroup[r.group, default: [:]][r.variant] = r
        }
        for group in byGroup.keys.sorted() {
            let variants = byGroup[group]!
            guard let primary = variants["primary"] else {
                return .refuse("canary \(group.display)-canary has no primary")
            }
            guard let primaryURI = input[primary.object].at(modelPath + ["storageUri"])?.string, !primaryURI.isEmpty
            else {
                let found = input[primary.object].at(modelPath + ["storageUri"])?.text ?? "missing"
                return .refuse("primary \(group.display) has no string storageUri (\(found))")
            }
            for variant in ["primary", "canary"] {
                guard let release = variants[variant] else { continue }
                switch edit(&objects[release.object], group: group, variant: variant, primaryURI: primaryURI) {
                case .some(let why): return .refuse("\(variant) \(group.display): \(why)")
                case .none: break
                }
            }
        }
        var checks: [WeightCheck] = []
        var defaultRouted: Set<GroupID> = []
        for route in model.predictorRoutes {
            switch weights(route, model: model, groups: byGroup, options: options) {
            case .failure(let why):
                return .refuse("\(input[route.object].identity) \(route.section) route \(route.index): \(why.reason)")
            case .success(let (group, allowed, isDefault)):
                if isDefault { defaultRouted.insert(group) }
                checks.append(
                    WeightCheck(object: route.object, section: route.section, route: route.index, allowed: allowed))
            }
        }
        for route in model.routes {
            var unresolved = route.destinations.filter { $0.target == nil }.map(\.host)
            if let mirror = route.mirrorHost, model.target(of: mirror, namespace: route.namespace) == nil,
                model.releaseNamespaceTarget(of: mirror, namespace: route.namespace) == nil
            {
                unresolved.append(mirror)
            }
            for host in unresolved {
                if let group = model.lookalike(host) {
                    return .refuse(
                        "\(input[route.object].identity): host \(host) looks like a predictor of \(group.display) "
                            + "but Istio does not resolve it to one")
                }
            }
        }
        if options.primaryLoad != nil {
            for group in byGroup.keys.sorted() where !defaultRouted.contains(group) {
                // Only conditional routes: right when there is nothing to split (no canary, 100).
                let routed = model.predictorRoutes.contains { $0.destinations.contains { $0.target?.group == group } }
                if routed && byGroup[group]?["canary"] == nil && options.primaryLoad == 100 { continue }
                return .refuse("--primary-load given, but no default route names \(group.display)'s predictors")
            }
        }
        for check in checks { placeholders(&objects[check.object], check) }
        let owned = Set(byGroup.values.flatMap { $0.values.map(\.object) } + checks.map(\.object))
        return .accept(objects: objects, weights: checks, owned: owned, mayRefuse: model.ambiguous)
    }

    // MARK: - Releases

    /// Applies rules 1 and 2 to one release in place; returns why it must be refused, if it must.
    private static func edit(_ object: inout JSONValue, group: GroupID, variant: String, primaryURI: String) -> String?
    {
        guard case .object(var m)? = object.at(modelPath) else {
            return "spec.values.inferenceservice.predictor.model is \(object.at(modelPath)?.text ?? "missing")"
        }
        func present(_ key: String) -> JSONValue? { m[key] == .null ? nil : m[key] }
        if let s = present("storageUri"), s.string == nil { return "storageUri is not a string: \(s.text)" }
        if let n = present("newStorageUri"), n.string == nil { return "newStorageUri is not a string: \(n.text)" }
        if variant == "canary" {
            if let new = present("newStorageUri")?.string {
                if new.isEmpty { return "newStorageUri is empty" }
                if new == primaryURI { return "newStorageUri equals the primary's storageUri" }
                m["storageUri"] = .string(new)
            } else if present("storageUri")?.string == nil || present("storageUri")?.string == primaryURI {
                return "no newStorageUri and storageUri \(present("storageUri")?.text ?? "missing") is the primary's"
            }
        }
        m["newStorageUri"] = nil
        let args: [JSONValue]
        switch m["args"] {
        case nil, .null?: args = []
        case .array(let a)?: args = a
        case let other?: return "args is not a list: \(other.text)"
        }
        m["args"] = .array(modelArgs(args, name: group.name))
        object.set(modelPath[...], .object(m))
        return nil
    }

    /// `args` without any `--model_name=...` or `--model_name X` (X taken only when it is not an
    /// option), then `--model_name=<name>`.
    static func modelArgs(_ args: [JSONValue], name: String) -> [JSONValue] {
        var out: [JSONValue] = []
        var i = 0
        while i < args.count {
            if let s = args[i].string, s.hasPrefix("--model_name=") {
                i += 1
            } else if args[i].string == "--model_name" {
                i += 1
                if i < args.count, let next = args[i].string, !next.hasPrefix("-") { i += 1 }
            } else {
                out.append(args[i])
                i += 1
            }
        }
        return out + [.string("--model_name=" + name)]
    }

    // MARK: - Weights

    struct Refusal: Error { var reason: String }

    /// The acceptable weight vectors of a route naming predictors, and whether it is the group's default route.
    private static func weights(
        _ route: StreamModel.Route, model: StreamModel, groups: [GroupID: [String: StreamModel.Release]],
        options: PostRenderOptions
    ) -> Result<(GroupID, [[JSONValue?]], Bool), Refusal> {
        let targets = route.destinations.map(\.target)
        guard let group = targets.compactMap({ $0?.group }).first(where: model.members.contains) else {
            return .failure(Refusal(reason: "no member group"))
        }
        for d in route.destinations {
            guard let t = d.target, t.group == group else {
                return .failure(Refusal(reason: "destination \(d.host) is not a predictor of \(group.display)"))
            }
            if groups[group]?[t.variant] == nil {
                return .failure(Refusal(reason: "destination \(d.host) has no \(t.variant) release"))
            }
            if let port = d.port, port != .int(80) {
                return .failure(Refusal(reason: "destination \(d.host) port \(port.text), not 80"))
            }
        }
        let variants = targets.map { $0!.variant }
        if Set(variants).count != variants.count { return .failure(Refusal(reason: "the same predictor twice")) }
        let current = route.destinations.map(\.weight)
        let valid = isValid(current)
        let isDefault = route.isDefault
        var allowed: [[JSONValue?]] = []
        if let load = options.primaryLoad, isDefault {
            if Set(variants) == ["primary", "canary"] {
                allowed.append(variants.map { .int(Int64($0 == "primary" ? load : 100 - load)) })
            } else if variants == ["primary"] && groups[group]?["canary"] == nil && load == 100 {
                allowed += [[nil], [.int(100)]]
            } else if route.section == "http" {
                return .failure(
                    Refusal(reason: "--primary-load \(load) cannot be applied to a route listing only \(variants)"))
            }
            if route.section != "http" && valid { allowed.append(current) }  // TCP/TLS: applied or left valid
        } else if valid {
            allowed.append(current)
        } else if options.normalize {
            guard let normalized = largestRemainder(current) else {
                return .failure(Refusal(reason: "weights \(current.map { $0?.text ?? "unset" }) cannot be normalized"))
            }
            allowed += normalized
        } else {
            return .failure(
                Refusal(reason: "weights \(current.map { $0?.text ?? "unset" }) are not integers summing to 100"))
        }
        return .success((group, allowed, isDefault && route.section == "http"))
    }

    /// Integers >= 0 summing to 100; a single destination may omit its weight.
    static func isValid(_ weights: [JSONValue?]) -> Bool {
        if weights.count == 1 && weights[0] == nil { return true }
        var total: Int64 = 0
        for w in weights {
            guard case .int(let n)? = w, n >= 0 else { return false }
            total += n
        }
        return total == 100
    }

    /// Every largest-remainder apportionment of 100 (ties in any order); nil when a weight is not a
    /// non-negative integer or the total is 0. A missing weight counts as 0.
    static func largestRemainder(_ weights: [JSONValue?]) -> [[JSONValue?]]? {
        var values: [Int64] = []
        for w in weights {
            switch w {
            case nil: values.append(0)
            case .int(let n)? where n >= 0 && n < 1 << 40: values.append(n)
            default: return nil
            }
        }
        let total = values.reduce(0, +)
        guard total > 0 else { return nil }
        let floors = values.map { $0 * 100 / total }
        let remainders = values.map { $0 * 100 % total }
        let missing = Int(100 - floors.reduce(0, +))
        let sorted = remainders.sorted(by: >)
        let cut = missing == 0 ? Int64.max : sorted[missing - 1]
        let sure = remainders.indices.filter { remainders[$0] > cut }
        let tied = remainders.indices.filter { remainders[$0] == cut }
        var results: [[JSONValue?]] = []
        for combo in combinations(tied, choose: missing - sure.count) {
            let plus = Set(sure + combo)
            results.append(values.indices.map { .int(floors[$0] + (plus.contains($0) ? 1 : 0)) })
        }
        return results
    }

    private static func combinations(_ items: [Int], choose k: Int) -> [[Int]] {
        if k <= 0 { return [[]] }
        if items.count < k { return [] }
        let rest = Array(items.dropFirst())
        return combinations(rest, choose: k - 1).map { [items[0]] + $0 } + combinations(rest, choose: k)
    }

    /// Replaces the weights of a checked route by the placeholder.
    static func placeholders(_ object: inout JSONValue, _ check: WeightCheck) {
        guard var routes = object.at(["spec", check.section])?.array, check.route < routes.count,
            var items = routes[check.route]["route"]?.array
        else { return }
        for (i, item) in items.enumerated() where item.at(["destination", "host"])?.string != nil {
            var item = item
            item.set(["weight"], WeightCheck.placeholder)
            items[i] = item
        }
        routes[check.route].set(["route"], .array(items))
        object.set(["spec", check.section], .array(routes))
    }
}
