import KServeCanaryModel
import YAMLScalars
import YAMLStream
import YAMLValues

/// An Istio VirtualService as kubectl reads it: hosts and routes with their destinations.
package struct VirtualServiceRoutes: ObjectReading {
    package var object: StreamObject
    package var hosts: [String] = []
    package var routes: [Route] = []
    /// Problems reading it: reported when it routes to a canary group, or when it is `unreadable`
    /// (not read to the end, so what it routes to is unknown).
    package var problems: [Diagnostic] = []
    package var unreadable = false

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
        /// with no condition (Istio translates it to prefix `/`) or only a `uri` that every path
        /// matches (`prefix: /`, `regex: .*`).
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
