import KServeCanaryModel
import YAMLScalars
import YAMLStream
import YAMLValues

/// An Istio VirtualService as kubectl reads it: hosts and routes with their destinations.
package struct VirtualServiceRoutes {
    package var object: StreamObject
    package var hosts: [String] = []
    package var routes: [Route] = []
    /// Problems reading it; reported only when it routes to a canary group.
    package var problems: [Diagnostic] = []

    package var subject: String { object.subject }
    package var documentNumber: Int { object.documentNumber }

    /// The same service in a stream whose earlier parts hold `offset` documents.
    package func shifted(by offset: Int) -> VirtualServiceRoutes {
        var copy = self
        copy.object.documentNumber += offset
        copy.problems = problems.map { $0.shifted(by: offset) }
        return copy
    }

    /// One route of `spec.http`, `spec.tls` or `spec.tcp`.
    package struct Route {
        package enum Kind: String { case http, tls, tcp }
        package let protocolName: Kind
        /// Position in its list.
        package let index: Int
        package let node: YAMLNodeID
        package let mark: YAMLMark
        /// What the route's `match` selects requests by (see `RouteMatch`).
        package let match: RouteMatch
        package var destinations: [Destination] = []
        /// `route[]` entries that are not a destination with a string host (Istio's schema
        /// requires one): their position in the list and where they are.
        package var unreadable: [(position: Int, mark: YAMLMark)] = []
        /// `mirror.host`, when the route mirrors traffic.
        package var mirror: (host: String, mark: YAMLMark, resolved: IstioHost)?

        /// `http route 0`, `tls route 1`.
        package var label: String { "\(protocolName.rawValue) route \(index)" }

        /// Whether this is a default route of the predictors it names, the one definition every
        /// rule uses (`--primary-load`, the summary's weights): a route without conditions, or one
        /// that selects only by path and splits between several destinations (the model's exposed
        /// paths, e.g. kserve-general's `uri: {regex: ^/.+$}`). Every other route is conditional
        /// (a tester's forced-variant route, a path served by one variant, a route for some
        /// callers): `--primary-load` leaves its weights as they are, and they are checked as written.
        package var isDefault: Bool {
            switch match {
            case .everything: true
            case .path: destinations.count + unreadable.count > 1
            case .request: false
            }
        }
    }

    /// What an HTTP route's `match` list (Istio's `HTTPMatchRequest`s, any one of which selects a
    /// request) selects by; the broadest of its entries decides.
    package enum RouteMatch: Equatable {
        /// No condition: `match` absent, null or `[]` (Istio's catch-all: pilot's
        /// `BuildHTTPRoutesForVirtualService` treats an empty list as no match), or an entry
        /// with no condition (Istio translates it to prefix `/`).
        case everything
        /// Only the request path (`uri`, with `ignoreUriCase`) in at least one entry.
        case path
        /// Every entry selects by something besides the path: the first such condition's key
        /// (`headers`, `queryParams`, `method`, `authority`, `port`, `sourceLabels`, ...).
        case request(String)

        /// The keys of an `HTTPMatchRequest` (Istio networking v1) that select requests.
        static let conditionKeys = [
            "uri", "headers", "withoutHeaders", "queryParams", "method", "authority", "scheme", "port",
            "sourceLabels", "sourceNamespace", "gateways",
        ]
        /// Keys of an `HTTPMatchRequest` that name or modify a condition without selecting by one.
        static let neutralKeys: Set<String> = ["name", "ignoreUriCase", "statPrefix"]
        static let pathKey = "uri"

        /// How a route with `conditions` (the key sets of its match entries) selects; a match
        /// list that is not a list of mappings selects by its own (unknown) shape.
        static func of(_ conditions: [[String]]?) -> RouteMatch {
            guard let conditions, !conditions.isEmpty else { return .everything }
            var result: RouteMatch?
            for keys in conditions {
                let selecting = keys.filter { !neutralKeys.contains($0) }
                let entry: RouteMatch =
                    if selecting.isEmpty {
                        .everything
                    } else if selecting == [pathKey] {
                        .path
                    } else {
                        .request(selecting.first { $0 != pathKey } ?? selecting[0])
                    }
                switch (result, entry) {
                case (_, .everything): return .everything
                case (_, .path): result = .path
                case (nil, .request): result = entry
                default: break
                }
            }
            return result ?? .everything
        }

        /// In words, for messages: `matches on queryParams`.
        package var description: String {
            switch self {
            case .everything: "has no match condition"
            case .path: "matches only on uri"
            case .request(let key): "matches on \(key)"
            }
        }
    }

    /// One `route[]` entry: where it sends traffic and with which weight.
    package struct Destination {
        /// The `route[]` item mapping, and its position in the list.
        package let item: YAMLNodeID
        package let position: Int
        package let host: String
        package let hostMark: YAMLMark
        package let resolved: IstioHost
        /// `destination.port.number`: nil when absent.
        package let port: Port?
        package let portMark: YAMLMark?
        package let weight: Weight
        /// Where the `weight` entry is written (nil when absent).
        package let weightMark: YAMLMark?

        package enum Port {
            case number(Int)
            case invalid(String, YAMLMark)
        }

        package enum Weight {
            case absent
            case value(Int, YAMLEntry)
            case invalid(String, YAMLMark)
        }

        /// The weight as a number (nil when absent or invalid).
        package var weightValue: Int? { if case .value(let n, _) = weight { n } else { nil } }
    }
}

package enum VirtualServiceReader {
    package static func read(_ object: StreamObject) -> VirtualServiceRoutes {
        var vs = VirtualServiceRoutes(object: object)
        let doc = object.document
        do throws(YAMLValueError) {
            guard let spec = try doc.lookup("spec", in: object.root), doc[spec.value].kind == .mapping else {
                return vs
            }
            if let hosts = try doc.lookup("hosts", in: spec.value), doc[hosts.value].kind == .sequence {
                vs.hosts = doc.children(hosts.value).compactMap { (try? doc.scalarValue($0))?.stringValue }
            }
            for protocolName in [VirtualServiceRoutes.Route.Kind.http, .tls, .tcp] {
                guard let list = try doc.lookup(protocolName.rawValue, in: spec.value),
                    doc[list.value].kind == .sequence
                else { continue }
                for (index, item) in doc.children(list.value).enumerated() {
                    if let route = try readRoute(doc, doc.resolve(item), protocolName, index, object: object) {
                        vs.routes.append(route)
                    }
                }
            }
        } catch {
            vs.problems.append(object.problem(error.mark ?? object.nameMark, error.refusal("this VirtualService")))
        }
        vs.problems += object.duplicateKeyProblems()
        return vs
    }

    private static func readRoute(
        _ doc: YAMLDocument, _ node: YAMLNodeID, _ protocolName: VirtualServiceRoutes.Route.Kind,
        _ index: Int, object: StreamObject
    ) throws(YAMLValueError) -> VirtualServiceRoutes.Route? {
        guard doc[node].kind == .mapping else { return nil }
        var conditions: [[String]]?
        if let match = try doc.lookup("match", in: node), !doc.isNull(match.value) {
            let list = doc.resolve(match.value)
            if doc[list].kind == .sequence {
                conditions = []
                for condition in doc.children(list) {
                    let c = doc.resolve(condition)
                    guard doc[c].kind == .mapping else {
                        conditions?.append(["(\(doc.describeValue(condition)))"])
                        continue
                    }
                    conditions?.append(try matchConditions(doc, c))
                }
            } else {
                conditions = [["(\(doc.describeValue(match.value)))"]]
            }
        }
        var route = VirtualServiceRoutes.Route(
            protocolName: protocolName, index: index, node: node, mark: doc[node].mark,
            match: .of(conditions))
        if let mirror = try doc.lookup("mirror", in: node), doc[mirror.value].kind == .mapping,
            let host = try doc.lookup("host", in: mirror.value), let text = try doc.scalarValue(host.value).stringValue
        {
            route.mirror = (text, doc[host.written].mark, IstioHost(text, namespace: object.namespace))
        }
        if let list = try doc.lookup("route", in: node), doc[list.value].kind == .sequence {
            for (position, item) in doc.children(list.value).enumerated() {
                if let destination = try readDestination(doc, doc.resolve(item), position: position, object: object) {
                    route.destinations.append(destination)
                } else {
                    route.unreadable.append((position, doc[item].mark))
                }
            }
        }
        return route
    }

    /// The condition keys of one `HTTPMatchRequest` that are written with a value (null and
    /// empty collections select nothing), as kubectl reads the mapping (merge keys followed).
    private static func matchConditions(_ doc: YAMLDocument, _ entry: YAMLNodeID) throws(YAMLValueError) -> [String] {
        var keys: [String] = []
        for key in VirtualServiceRoutes.RouteMatch.conditionKeys {
            guard let found = try doc.lookup(key, in: entry), !doc.isNull(found.value) else { continue }
            let value = doc.resolve(found.value)
            if doc[value].kind != .scalar && doc.children(value).isEmpty { continue }
            keys.append(key)
        }
        return keys
    }

    private static func readDestination(
        _ doc: YAMLDocument, _ item: YAMLNodeID, position: Int,
        object: StreamObject
    ) throws(YAMLValueError) -> VirtualServiceRoutes.Destination? {
        guard doc[item].kind == .mapping, let destination = try doc.lookup("destination", in: item),
            doc[destination.value].kind == .mapping,
            let hostEntry = try doc.lookup("host", in: destination.value),
            let host = try doc.scalarValue(hostEntry.value).stringValue
        else { return nil }
        var port: VirtualServiceRoutes.Destination.Port?
        var portMark: YAMLMark?
        if let portEntry = try doc.lookup("port", in: destination.value), doc[portEntry.value].kind == .mapping,
            let number = try doc.lookup("number", in: portEntry.value)
        {
            portMark = doc[number.written].mark
            if let n = try integer(doc, number.value), n >= 0, n <= 65_535 {
                port = .number(Int(n))
            } else {
                port = .invalid(
                    "destination \(host) has port \(doc.describeValue(number.value)); give an integer",
                    doc[number.written].mark)
            }
        }
        return VirtualServiceRoutes.Destination(
            item: item, position: position, host: host, hostMark: doc[hostEntry.written].mark,
            resolved: IstioHost(host, namespace: object.namespace), port: port, portMark: portMark,
            weight: try weight(doc, item), weightMark: try doc.lookup("weight", in: item).map { doc[$0.written].mark })
    }

    /// The `weight` of a route item as Istio receives it through kubectl's JSON.
    private static func weight(_ doc: YAMLDocument, _ item: YAMLNodeID) throws(YAMLValueError)
        -> VirtualServiceRoutes.Destination.Weight
    {
        guard let entry = try doc.lookup("weight", in: item) else { return .absent }
        let mark = doc[entry.written].mark
        guard doc[entry.value].kind == .scalar else {
            return .invalid("weight must be an integer, found \(doc.describeValue(entry.value))", mark)
        }
        let value = try doc.scalarValue(entry.value)
        switch value {
        case .null:
            return .invalid("weight is null; give an integer from 0 to 100", mark)
        case .string(let s):
            let style = doc[entry.value].style
            let fix =
                style == .singleQuoted || style == .doubleQuoted
                ? "; remove the quotes"
                : doc.tag(entry.value) != nil ? "; remove the tag" : ""
            let found = YAMLScalarFormatter.doubleQuoted(s)
            return .invalid("weight must be an integer, found the string \(found)\(fix)", mark)
        case .bool:
            return .invalid("weight must be an integer, found \(value)", mark)
        default:
            guard let n = value.integerValue else {
                return .invalid("weight must be a whole number, found \(value)", mark)
            }
            guard n >= 0, n <= Int64(Int32.max) else {
                return .invalid("weight must be a non-negative integer, found \(value)", mark)
            }
            return .value(Int(n), entry)
        }
    }

    /// An integer scalar (whole floats included, as JSON carries them), nil for anything else.
    package static func integer(_ doc: YAMLDocument, _ id: YAMLNodeID) throws(YAMLValueError) -> Int64? {
        guard doc[doc.resolve(id)].kind == .scalar else { return nil }
        return try doc.scalarValue(id).integerValue
    }
}
