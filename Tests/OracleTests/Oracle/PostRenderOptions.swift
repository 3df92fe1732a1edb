/// The post-render options of a command line, as README.md defines them.
struct PostRenderOptions: Sendable {
    /// `--weights normalize` (default `strict`).
    var normalize = false
    /// `--primary-load N`.
    var primaryLoad: Int?

    init(arguments: [String]) {
        var i = 0
        while i < arguments.count {
            switch arguments[i] {
            case "--weights" where i + 1 < arguments.count:
                normalize = arguments[i + 1] == "normalize"
                i += 1
            case "--primary-load" where i + 1 < arguments.count:
                primaryLoad = Int(arguments[i + 1])
                i += 1
            default: break
            }
            i += 1
        }
    }
}

/// What the rules say the tool must do with a stream, by kubectl's reading of it.
enum Expectation: Sendable {
    /// No correct output exists: the tool must refuse (why, in the rules' words).
    case refuse(String)
    /// The objects kubectl must read from the output, in order. Weights of routes that name the
    /// predictors are replaced by a placeholder in `objects` and checked through `weights`.
    /// `owned` lists the objects the rules edit or check (member releases, their VirtualServices);
    /// `mayRefuse`: the stream is ambiguous (a namespace only one side names), refusing it is allowed.
    case accept(objects: [JSONValue], weights: [WeightCheck], owned: Set<Int>, mayRefuse: Bool)
}

/// The weights one route must have after post-rendering.
struct WeightCheck: Sendable {
    /// Index of the VirtualService among the stream's objects.
    var object: Int
    /// `http`, `tcp` or `tls`.
    var section: String
    /// Index of the route in that section.
    var route: Int
    /// Every acceptable weight vector, one value per destination in order (nil: no `weight` key).
    var allowed: [[JSONValue?]]

    static let placeholder = JSONValue.string("<weight checked separately>")
}

/// A canary group's identity: the HelmReleases' namespace (nil: the release namespace) and name.
struct GroupID: Hashable, Comparable, Sendable {
    var namespace: String?
    var name: String

    static func < (a: GroupID, b: GroupID) -> Bool {
        (a.namespace ?? "", a.name) < (b.namespace ?? "", b.name)
    }

    var display: String { (namespace.map { $0 + "/" } ?? "") + name }
}
