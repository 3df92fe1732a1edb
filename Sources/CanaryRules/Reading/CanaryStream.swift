import KServeCanaryModel
import YAMLStream
import YAMLValues

/// What a rendered stream says about its canary groups, read as kubectl reads it: the model that
/// the checks, the planned changes, `lint`, `summary` and `flux build` work from.
struct CanaryStream {
    /// Every HelmRelease named like a model release.
    var releases: [ModelRelease] = []
    /// Every VirtualService, with what its routes point at.
    var services: [RoutedService] = []
    var index: GroupIndex
    /// The groups that are ours, sorted.
    var members: [GroupKey] = []
    /// Problems reading the stream (syntax errors, documents kubectl cannot read).
    var problems: [Diagnostic] = []
    var documentCount = 0
    var stoppedEarly = false

    func group(_ key: GroupKey) -> CanaryGroup { index.groups[key]! }
}

/// A VirtualService and the canary predictor each of its destinations names.
struct RoutedService {
    let routes: VirtualServiceRoutes
    /// Per route, per destination.
    var targets: [[HostTarget]]
    /// Per route, the mirror's target.
    var mirrors: [HostTarget]

    /// The member groups this service sends traffic to.
    func groups(members: Set<GroupKey>) -> Set<GroupKey> {
        Set((targets.flatMap { $0 } + mirrors).compactMap { $0.key }.filter(members.contains))
    }
}

/// What a destination host names.
enum HostTarget: Equatable {
    /// A canary group's predictor Service.
    case predictor(GroupKey, Variant)
    /// `svc.ns` or `svc.ns.svc` spelling of a group's predictor, which Istio does not expand.
    case unexpanded(GroupKey, Variant)
    /// Something else.
    case none

    var key: GroupKey? {
        switch self {
        case .predictor(let k, _), .unexpanded(let k, _): return k
        case .none: return nil
        }
    }
}

enum CanaryStreamReader {
    /// Parses `source`, building only the documents that can hold releases, VirtualServices or
    /// lists of them.
    static func read(_ source: SourceBuffer, options: CanaryOptions, parser: YAMLStreamParser) -> CanaryStream {
        var parser = parser
        parser.filter = YAMLDocumentFilter(reconsiderKeys: ["items"]) { key, value in
            guard key == "kind" else { return .undecided }
            return value == "HelmRelease" || value == "VirtualService" || value.hasSuffix("List") ? .keep : .skip
        }
        var releases: [ModelRelease] = []
        var services: [VirtualServiceRoutes] = []
        var problems: [Diagnostic] = []
        let outcome = parser.parse(source) { doc in
            let (objects, unreadable) = StreamObjectReader.objects(in: doc)
            problems += unreadable
            for object in objects {
                if let release = ModelReleaseReader.read(object) {
                    releases.append(release)
                } else if object.isVirtualService {
                    services.append(VirtualServiceReader.read(object))
                }
            }
        }
        for error in outcome.errors {
            problems.append(Diagnostic(mark: error.mark, documentNumber: error.documentNumber, subject: nil,
                                       message: "invalid YAML: \(error.message)"))
        }
        if outcome.stoppedEarly {
            let last = outcome.errors.last
            problems.append(Diagnostic(mark: last?.mark ?? YAMLMark(offset: 0, line: 1, column: 1),
                                       documentNumber: last?.documentNumber ?? 1, subject: nil,
                                       message: "stopped reading after \(outcome.errors.count) errors; the rest of the stream was not checked"))
        }
        var stream = CanaryStream(releases: releases, index: GroupIndex(releases: releases), problems: problems,
                                  documentCount: outcome.documentCount, stoppedEarly: outcome.stoppedEarly)
        stream.services = services.map { resolve($0, in: &stream.index) }
        stream.members = stream.index.groups.values.filter { $0.isMember(modelCharts: options.modelCharts) }.map(\.key).sorted()
        return stream
    }

    /// Resolves every destination and mirror host of `vs`, marking the groups it routes to.
    private static func resolve(_ vs: VirtualServiceRoutes, in index: inout GroupIndex) -> RoutedService {
        func target(_ host: IstioHost) -> HostTarget {
            switch host {
            case .service(let name, let namespace):
                guard let (group, variant) = CanaryNames.parsePredictor(name),
                      let key = index.find(group: group, variant: variant, namespace: namespace) else { return .none }
                return .predictor(key, variant)
            case .unexpanded(let name, let namespace):
                guard let (group, variant) = CanaryNames.parsePredictor(name),
                      let key = index.find(group: group, variant: variant, namespace: namespace) else { return .none }
                return .unexpanded(key, variant)
            case .other:
                return .none
            }
        }
        let targets = vs.routes.map { $0.destinations.map { target($0.resolved) } }
        let mirrors = vs.routes.map { $0.mirror.map { target($0.resolved) } ?? .none }
        for t in targets.flatMap({ $0 }) + mirrors { if let key = t.key { index.markRouted(key) } }
        return RoutedService(routes: vs, targets: targets, mirrors: mirrors)
    }
}
