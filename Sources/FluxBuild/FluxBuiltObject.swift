import YAMLValues

/// One object of a `flux build` tree and where it came from.
public struct FluxBuiltObject: Sendable {
    /// The object, as Flux would apply it (post-rendered, labelled).
    public var value: YAMLValue
    /// `HelmRelease <namespace>/<name>` that rendered it; nil for objects of the input file.
    public var producer: String?
    /// The chain of releases above the producer, outermost first (empty for a root release's output).
    public var ancestors: [String]
    /// The chart the producer rendered (nil for input objects).
    public var chart: String?
    /// Namespace Helm installs the object into when it has none (the producer's release namespace).
    public var releaseNamespace: String?

    /// Creates an entry.
    public init(value: YAMLValue, producer: String?, ancestors: [String], chart: String?, releaseNamespace: String?) {
        self.value = value
        self.producer = producer
        self.ancestors = ancestors
        self.chart = chart
        self.releaseNamespace = releaseNamespace
    }

    /// `Kind namespace/name` (namespace omitted when unknown).
    public var subject: String {
        let kind = value["kind"]?.string ?? "(no kind)"
        let name = value.value(at: ["metadata", "name"])?.string ?? "(no name)"
        let namespace = value.value(at: ["metadata", "namespace"])?.string ?? releaseNamespace
        return namespace.map { "\(kind) \($0)/\(name)" } ?? "\(kind) \(name)"
    }

    /// The comment written above the object in the output stream.
    public func comment(input: String) -> String {
        guard let producer else { return "From \(input)" }
        var text = "Rendered by \(producer)"
        if let chart { text += " (chart \(chart))" }
        if !ancestors.isEmpty { text += ", child of " + ancestors.reversed().joined(separator: " < ") }
        return text
    }
}
