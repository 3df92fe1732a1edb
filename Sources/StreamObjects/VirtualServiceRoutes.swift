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
        /// Whether a `match` condition looks at headers (a forced-variant route for testers), so
        /// that `--primary-load` leaves it alone.
        package let matchesHeaders: Bool
        package let hasMatch: Bool
        package var destinations: [Destination] = []
        /// `route[]` entries that are not a destination with a string host (Istio's schema
        /// requires one): their position in the list and where they are.
        package var unreadable: [(position: Int, mark: YAMLMark)] = []
        /// `mirror.host`, when the route mirrors traffic.
        package var mirror: (host: String, mark: YAMLMark, resolved: IstioHost)?

        /// `http route 0`, `tls route 1`.
        package var label: String { "\(protocolName.rawValue) route \(index)" }
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
        return vs
    }

    private static func readRoute(
        _ doc: YAMLDocument, _ node: YAMLNodeID, _ protocolName: VirtualServiceRoutes.Route.Kind,
        _ index: Int, object: StreamObject
    ) throws(YAMLValueError) -> VirtualServiceRoutes.Route? {
        guard doc[node].kind == .mapping else { return nil }
        var matchesHeaders = false
        let match = try doc.lookup("match", in: node)
        if let match, doc[match.value].kind == .sequence {
            for condition in doc.children(match.value) where doc[doc.resolve(condition)].kind == .mapping {
                let c = doc.resolve(condition)
                let headers = try doc.lookup("headers", in: c)
                let withoutHeaders = try doc.lookup("withoutHeaders", in: c)
                if headers != nil || withoutHeaders != nil { matchesHeaders = true }
            }
        }
        var route = VirtualServiceRoutes.Route(
            protocolName: protocolName, index: index, node: node, mark: doc[node].mark,
            matchesHeaders: matchesHeaders, hasMatch: match.map { !doc.isNull($0.value) } ?? false)
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
            weight: try weight(doc, item))
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
