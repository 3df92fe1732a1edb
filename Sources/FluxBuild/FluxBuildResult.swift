import YAMLValues

/// Everything `flux build` found Flux would apply, in tree order: the input file's objects, then
/// each release's output followed by the output of the releases it renders.
public struct FluxBuildResult: Sendable {
    /// The objects.
    public var objects: [FluxBuiltObject]
    /// The releases built, in order, as `HelmRelease <namespace>/<name>`.
    public var releases: [String]
    /// The input file's label, for comments.
    public var input: String
    /// Notes for standard error (e.g. what was not validated).
    public var notes: [String]

    /// Creates a result.
    public init(objects: [FluxBuiltObject], releases: [String], input: String, notes: [String] = []) {
        self.objects = objects
        self.releases = releases
        self.input = input
        self.notes = notes
    }

    /// One YAML stream, each object preceded by a comment naming the release that rendered it.
    public var yaml: String {
        YAMLValueWriter.stream(objects.map { ($0.comment(input: input), $0.value) })
    }
}
