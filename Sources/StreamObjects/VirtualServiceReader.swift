import KServeCanaryModel
import YAMLScalars
import YAMLStream
import YAMLValues

/// Reads a VirtualService's hosts and routes as kubectl reads them (a problem stops the reading and
/// marks it `unreadable`).
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
            vs.unreadable = true
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
            if key == VirtualServiceRoutes.RouteMatch.pathKey, try matchesEveryPath(doc, value) { continue }
            keys.append(key)
        }
        return keys
    }

    /// Whether a `uri` match selects every request path: `prefix: /` (what Istio makes of a match
    /// entry without conditions) or a regex (RE2, matched against the whole path) in one of the
    /// usual spellings of "anything": `.*`, `.+`, `/.*`, `(.*)`, `.*.*`, each with or without `^`/`$`.
    private static let everyPathRegexes: Set<String> = [".*", ".+", "/.*", "(.*)", "(.+)", "/(.*)", ".*.*"]

    private static func matchesEveryPath(_ doc: YAMLDocument, _ uri: YAMLNodeID) throws(YAMLValueError) -> Bool {
        guard doc[uri].kind == .mapping else { return false }
        let entries = try doc.semanticEntries(uri)
        guard entries.count == 1, let (key, entry) = entries.first,
            let text = try doc.scalarValue(entry.value).stringValue
        else { return false }
        if key == "prefix" { return text == "/" }
        guard key == "regex" else { return false }
        var pattern = Substring(text)
        if pattern.hasPrefix("^") { pattern = pattern.dropFirst() }
        if pattern.hasSuffix("$") { pattern = pattern.dropLast() }
        return Self.everyPathRegexes.contains(String(pattern))
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
