import KServeCanaryModel
import Platform
import StreamObjects
import Synchronization
import YAMLSource
import YAMLStream
import YAMLValues

/// What a rendered stream says about its canary groups, read as kubectl reads it: the model that
/// the checks, the planned changes, `lint`, `summary` and `flux build` work from.
package struct CanaryStream {
    /// Every VirtualService, with what its routes point at.
    package var services: [RoutedService] = []
    package var index: GroupIndex
    /// The groups that are ours, sorted.
    package var members: [GroupKey] = []
    /// Problems reading the stream (syntax errors, documents kubectl cannot read).
    package var problems: [Diagnostic] = []
    /// Documents kept for a read-back once every edit to them is known (their releases were not
    /// read back on their own), by document number.
    package var pending: [Int: YAMLDocument] = [:]
    package var documentCount = 0
    package var stoppedEarly = false

    package func group(_ key: GroupKey) -> CanaryGroup { index.groups[key]! }
}

/// A VirtualService and the canary predictor each of its destinations names.
package struct RoutedService {
    package var routes: VirtualServiceRoutes
    /// Per route, per destination.
    package var targets: [[HostTarget]]
    /// Per route, the mirror's target.
    package var mirrors: [HostTarget]

    /// The member groups this service sends traffic to.
    package func groups(members: Set<GroupKey>) -> Set<GroupKey> {
        Set((targets.flatMap { $0 } + mirrors).compactMap { $0.key }.filter(members.contains))
    }
}

/// What a destination host names.
package enum HostTarget: Equatable {
    /// A canary group's predictor Service.
    case predictor(GroupKey, Variant)
    /// `svc.ns` or `svc.ns.svc` spelling of a group's predictor, which Istio does not expand.
    case unexpanded(GroupKey, Variant)
    /// A group's predictor name that Istio resolves to another namespace (`namespace`, nil: the
    /// routing object's own) than the one the group's release lands its predictor in.
    case elsewhere(GroupKey, Variant, namespace: String?)
    /// Something else.
    case none

    package var key: GroupKey? {
        switch self {
        case .predictor(let k, _), .unexpanded(let k, _), .elsewhere(let k, _, _): return k
        case .none: return nil
        }
    }
}

/// What the rules make of one model release as soon as it is read: its record with the planned
/// edits, read back now (`true`) or once every edit of its document is known (`false`).
package typealias ReleaseProcessing = @Sendable (ModelRelease, _ verifyNow: Bool) -> ReleaseRecord

package enum CanaryStreamReader {
    /// Parses `source` in parts, in parallel (`StreamSplitter`), building only the documents that
    /// can hold releases, VirtualServices or lists of them; then forms the groups. Each model
    /// release goes through `process` (the rules' planning) as it is read.
    package static func read(
        _ source: SourceBuffer, options: CanaryOptions, parser: YAMLStreamParser, process: @escaping ReleaseProcessing
    ) -> CanaryStream {
        let parts = StreamSplitter.parts(of: source, count: 2)
        var parser = parser
        parser.flowWorkLimit /= parts.count
        let results = PartResults(count: parts.count)
        DeepStack.runConcurrently(
            parts.enumerated().map { i, part in
                { [parser] in
                    results.store(
                        i, PartReader(options: options, parser: parser, process: process).read(source, part: part))
                }
            })
        let all = results.all
        var merged = PartReader.Result()
        merged.records.reserveCapacity(all.reduce(0) { $0 + $1.records.count + $1.pendingReleases.count })
        for result in all { merged.append(result) }

        var pending: [Int: YAMLDocument] = [:]
        var records = merged.records
        merged.records = []
        for release in merged.pendingReleases {
            records.append(process(release, false))
            pending[release.object.documentNumber] = release.object.document
        }
        var stream = CanaryStream(
            index: GroupIndex(releases: records), problems: merged.problems,
            pending: pending, documentCount: merged.documentCount, stoppedEarly: merged.stoppedEarly)
        // Hosts are resolved against the finished index, in two runs at once; then the routed
        // groups are marked.
        let index = stream.index
        stream.services = DeepStack.concurrentMap(merged.services.count) { resolve(merged.services[$0], in: index) }
        for service in stream.services {
            for target in service.targets.joined() { if let key = target.key { stream.index.markRouted(key) } }
            for mirror in service.mirrors { if let key = mirror.key { stream.index.markRouted(key) } }
        }
        let members = stream.index.groups.values.lazy.filter { $0.isMember(modelCharts: options.modelCharts) }
        stream.members = members.map(\.key).sorted()
        return stream
    }

    /// Resolves every destination and mirror host of `vs`.
    private static func resolve(_ vs: VirtualServiceRoutes, in index: GroupIndex) -> RoutedService {
        func target(_ host: IstioHost) -> HostTarget {
            switch host {
            case .service(let name, let namespace):
                if let (key, variant) = index.findInstalled(service: name, namespace: namespace) {
                    return .predictor(key, variant)
                }
                guard let (group, variant) = CanaryNames.parsePredictor(name) else { return .none }
                if let key = index.find(group: group, variant: variant, namespace: namespace) {
                    return .predictor(key, variant)
                }
                guard let key = index.only(group: group) else { return .none }
                return .elsewhere(key, variant, namespace: namespace)
            case .unexpanded(let name, let namespace):
                guard let (group, variant) = CanaryNames.parsePredictor(name),
                    let key = index.find(group: group, variant: variant, namespace: namespace)
                else { return .none }
                return .unexpanded(key, variant)
            case .other:
                return .none
            }
        }
        let targets = vs.routes.map { $0.destinations.map { target($0.resolved) } }
        let mirrors = vs.routes.map { $0.mirror.map { target($0.resolved) } ?? .none }
        return RoutedService(routes: vs, targets: targets, mirrors: mirrors)
    }
}

/// The results of the parts, stored by the threads that read them.
private final class PartResults: Sendable {
    private let results: Mutex<[PartReader.Result?]>
    package init(count: Int) { results = Mutex(Array(repeating: nil, count: count)) }
    /// Each part stores its own slot once; `all` is read after every thread has been joined.
    package func store(_ i: Int, _ result: sending PartReader.Result) { results.withLock { $0[i] = result } }
    package var all: [PartReader.Result] { results.withLock { $0.map { $0! } } }
}
