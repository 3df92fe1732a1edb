import KServeCanaryModel

/// Identifies a canary group: the namespace of its HelmReleases (nil: none written, so the Helm
/// release namespace) and its name (the releases' names without `-primary`/`-canary`; also the
/// model name).
public struct GroupKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Namespace, or nil when the releases name none.
    public var namespace: String?
    /// Group (and model) name.
    public var name: String

    /// Creates a key.
    public init(namespace: String?, name: String) {
        self.namespace = namespace
        self.name = name
    }

    /// Orders by namespace, then name.
    public static func < (a: GroupKey, b: GroupKey) -> Bool {
        (a.namespace ?? "", a.name) < (b.namespace ?? "", b.name)
    }

    /// `ns/name`, or `name` without a namespace.
    public var description: String { namespace.map { "\($0)/\(name)" } ?? name }
}

/// One canary group of the stream: its releases and the routes that send traffic to them.
package struct CanaryGroup {
    package let key: GroupKey
    package var releases = VariantReleases()
    /// Releases of the group that appear more than once.
    package var duplicates: [ReleaseRecord] = []
    /// Whether a VirtualService routes (or mirrors) to one of its predictors.
    package var isRouted = false

    /// The namespace of `variant`'s predictor Service (the other variant's when it has no release).
    package func predictorNamespace(_ variant: Variant) -> String? {
        (releases[variant] ?? releases[variant == .primary ? .canary : .primary])?.predictorNamespace
    }

    /// Whether the group is ours: labelled by kserve-general, released with a model chart, or
    /// routed to. A `-primary`/`-canary` pair of another chart is not.
    package func isMember(modelCharts: Set<String>) -> Bool {
        isRouted || releases.values.contains { $0.isMemberByItself(modelCharts: modelCharts) }
    }
}

/// A group's release of each variant (two slots: cheaper than a dictionary per group), shared
/// between copies until one of them changes (groups are copied often while they are planned,
/// records hold many strings and arrays).
package struct VariantReleases {
    private final class Slots {
        var primary: ReleaseRecord?
        var canary: ReleaseRecord?

        init(primary: ReleaseRecord?, canary: ReleaseRecord?) {
            self.primary = primary
            self.canary = canary
        }
    }

    private var slots = Slots(primary: nil, canary: nil)

    package subscript(variant: Variant) -> ReleaseRecord? {
        get { variant == .primary ? slots.primary : slots.canary }
        set {
            if !isKnownUniquelyReferenced(&slots) { slots = Slots(primary: slots.primary, canary: slots.canary) }
            if variant == .primary { slots.primary = newValue } else { slots.canary = newValue }
        }
    }

    /// The releases present, primary first.
    package var values: [ReleaseRecord] { [slots.primary, slots.canary].compactMap { $0 } }
}

/// Finds groups by name and predictor namespace, the way a destination host names them.
package struct GroupIndex {
    private(set) var groups: [GroupKey: CanaryGroup] = [:]
    private var byName: [String: [GroupKey]] = [:]
    /// Predictor Services of releases whose InferenceService is not named after them.
    private var installedPredictors: [String: [(key: GroupKey, variant: Variant)]] = [:]

    package init(releases: [ReleaseRecord]) {
        for release in releases {
            let key = GroupKey(namespace: release.namespace, name: release.group)
            if groups[key] == nil {
                groups[key] = CanaryGroup(key: key)
                byName[release.group, default: []].append(key)
            }
            if let installed = release.installedName {
                installedPredictors[installed + CanaryNames.predictorSuffix, default: []].append((key, release.variant))
            }
            if groups[key]!.releases[release.variant] != nil {
                groups[key]!.duplicates.append(release)
            } else {
                groups[key]!.releases[release.variant] = release
            }
        }
    }

    /// The group whose `variant` predictor is Service `group` in `namespace` (nil: the namespace
    /// the routing object lands in). A missing namespace on either side matches only when one
    /// group has that name.
    package func find(group name: String, variant: Variant, namespace: String?) -> GroupKey? {
        guard let candidates = byName[name] else { return nil }
        let exact = candidates.filter { groups[$0]!.predictorNamespace(variant) == namespace }
        if exact.count == 1 { return exact[0] }
        if exact.isEmpty && candidates.count == 1 {
            let only = candidates[0]
            if namespace == nil || groups[only]!.predictorNamespace(variant) == nil { return only }
        }
        return nil
    }

    /// The group and variant whose release installs predictor Service `service` in `namespace`
    /// under another name than its own (see `ReleaseRecord.installedName`).
    package func findInstalled(service: String, namespace: String?) -> (GroupKey, Variant)? {
        guard let candidates = installedPredictors[service] else { return nil }
        let exact = candidates.filter { groups[$0.key]!.predictorNamespace($0.variant) == namespace }
        if exact.count == 1 { return (exact[0].key, exact[0].variant) }
        if exact.isEmpty && candidates.count == 1,
            namespace == nil || groups[candidates[0].key]!.predictorNamespace(candidates[0].variant) == nil
        {
            return (candidates[0].key, candidates[0].variant)
        }
        return nil
    }

    /// The one group named `name`, in whatever namespace (nil: none or several).
    package func only(group name: String) -> GroupKey? {
        guard let candidates = byName[name], candidates.count == 1 else { return nil }
        return candidates[0]
    }

    package mutating func markRouted(_ key: GroupKey) { groups[key]?.isRouted = true }
}
