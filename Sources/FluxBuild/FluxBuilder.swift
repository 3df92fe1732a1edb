import CanaryGroups
import CanaryRules
import FoundationEssentials
import HelmValues
import YAMLEditing
import YAMLSource
import YAMLStream
import YAMLValues

/// The offline answer to "what will Flux apply?" for HelmRelease files: for every HelmRelease,
/// compose its values as helm-controller does, render its chart from a local directory with Helm,
/// apply its `postRenderers` with Kustomize (and, if asked, the kserve-canary post-renderer
/// first), add helm-controller's origin labels, and do the same for every HelmRelease in that
/// output, recursively. Each output must satisfy the kserve-canary rules before its children are
/// built; then the whole tree is checked (see `FluxTreeValidator`).
public struct FluxBuilder: Sendable {
    /// Directory with one chart directory per chart name (`<dir>/<chart>/Chart.yaml`).
    public var chartsDirectory: String
    /// Renders charts.
    public var helm: HelmTemplateRunner
    /// Applies Kustomize post-renderers; nil when no kubectl is available (an error if one is needed).
    public var kustomize: KustomizeRunner?
    /// The ConfigMaps and Secrets `valuesFrom` reads (ConfigMaps and Secrets rendered by a release
    /// are added for the releases built after it).
    public var sources: ValuesSourceStore
    /// When set, the kserve-canary post-renderer runs on every release's output before its
    /// `postRenderers`, as `helm --post-renderer kserve-canary` does (the rendered-manifests mode).
    public var canaryPostRenderer: CanaryOptions?
    /// Checks the tree when set; nil skips validation.
    public var validator: FluxTreeValidator?
    /// Deepest release nesting followed.
    public var maxDepth: Int = 10
    /// Most releases rendered in one build (a chart that fans out without end is refused).
    public var maxRenders: Int = 200

    /// Creates a builder.
    public init(
        chartsDirectory: String, helm: HelmTemplateRunner, kustomize: KustomizeRunner?, sources: ValuesSourceStore,
        canaryPostRenderer: CanaryOptions? = nil, validator: FluxTreeValidator? = FluxTreeValidator()
    ) {
        self.chartsDirectory = chartsDirectory
        self.helm = helm
        self.kustomize = kustomize
        self.sources = sources
        self.canaryPostRenderer = canaryPostRenderer
        self.validator = validator
    }

    private struct State {
        var sources: ValuesSourceStore
        var objects: [FluxBuiltObject] = []
        var releases: [String] = []
        var built: Set<String> = []
    }

    /// Builds the tree for one input file: its HelmReleases are built, every object (HelmReleases,
    /// ConfigMaps, anything else) is part of the output.
    /// - Parameters:
    ///   - source: the file's bytes.
    ///   - label: the file's name, for messages and comments.
    ///   - defaultNamespace: namespace of input objects that set none.
    public func build(_ source: SourceBuffer, label: String, defaultNamespace: String) async throws(FluxBuildError)
        -> FluxBuildResult
    {
        let input: [YAMLValue]
        do { input = try YAMLValueReader.documents(source) } catch {
            throw FluxBuildError(release: label, step: "read input", message: error.description)
        }
        var state = State(sources: sources)
        do throws(YAMLValueError) {
            try state.sources.add(objects: input, defaultNamespace: defaultNamespace)
        } catch {
            throw FluxBuildError(release: label, step: "read ConfigMaps and Secrets", message: error.description)
        }
        var roots: [FluxHelmRelease] = []
        for object in input {
            state.objects.append(
                FluxBuiltObject(
                    value: object, producer: nil, ancestors: [], chart: nil, releaseNamespace: defaultNamespace))
            if FluxHelmRelease.isHelmRelease(object) {
                let release = try FluxHelmRelease(object, defaultNamespace: defaultNamespace)
                guard state.built.insert(release.subject).inserted else {
                    throw FluxBuildError(
                        release: release.subject, step: "read HelmRelease",
                        message: "\(label) holds this HelmRelease twice")
                }
                roots.append(release)
            }
        }
        try checkRules(source, label: label)
        if roots.isEmpty {
            throw FluxBuildError(
                release: label, step: "read input", message: "no helm.toolkit.fluxcd.io HelmRelease in the file")
        }
        for release in roots {
            try await build(release, ancestors: [], state: &state)
        }
        var result = FluxBuildResult(objects: state.objects, releases: state.releases, input: label)
        if let validator {
            result.notes = try validator.validate(result)
        }
        return result
    }

    private func build(_ release: FluxHelmRelease, ancestors: [String], state: inout State) async throws(FluxBuildError)
    {
        let subject = release.subject
        guard ancestors.count < maxDepth else {
            throw FluxBuildError(
                release: subject, step: "build",
                message:
                    """
                    HelmReleases nest deeper than \(maxDepth) levels: \
                    \((ancestors + [subject]).joined(separator: " > "))
                    """
            )
        }
        guard state.releases.count < maxRenders else {
            throw FluxBuildError(
                release: subject, step: "build",
                message:
                    """
                    more than \(maxRenders) HelmReleases to render; a chart fans out without end, \
                    or the tree is larger than flux build previews
                    """
            )
        }
        state.releases.append(subject)

        let values: YAMLMap
        do throws(FluxValuesComposer.Failure) {
            values = try FluxValuesComposer(sources: state.sources).compose(
                namespace: release.namespace, values: release.values, references: release.valuesFrom)
        } catch {
            let hint =
                error.missingObject
                ? " (give the object with --configmap FILE or --secret FILE, or mark the reference optional)" : ""
            throw FluxBuildError(release: subject, step: "compose values", message: error.message + hint)
        }

        let chartDirectory = try ChartLocator(chartsDirectory: chartsDirectory).locate(release)
        var manifests = try await helm.render(release: release, chartDirectory: chartDirectory, values: values)
        if let options = canaryPostRenderer {
            let source = SourceBuffer(bytes: manifests)
            let outcome = CanaryPostRenderer(options: options).run(source)
            guard outcome.diagnostics.isEmpty else {
                throw FluxBuildError(
                    release: subject, step: "post-render (kserve-canary)",
                    message: outcome.diagnostics.map { $0.formatted(file: "helm-output.yaml") }.joined(separator: "\n"))
            }
            manifests = EditApplier.apply(outcome.edits, to: source)
        }
        for (i, renderer) in release.postRenderers.enumerated() {
            let step = "post-render (spec.postRenderers[\(i)], Kustomize)"
            guard let kustomize else {
                throw FluxBuildError(
                    release: subject, step: step,
                    message:
                        """
                        kubectl not found; pass --kubectl PATH or set KUBECTL (Flux applies postRenderers with \
                        Kustomize)
                        """
                )
            }
            manifests = try await kustomize.run(manifests, with: renderer, release: subject, step: step)
        }
        let output = SourceBuffer(bytes: manifests)
        try checkRules(output, label: subject)

        // Objects, labelled as helm-controller labels them.
        var objects: [YAMLValue]
        do throws(YAMLValueError) {
            objects = try YAMLValueReader.documents(output)
        } catch {
            throw FluxBuildError(release: subject, step: "read rendered manifests", message: error.description)
        }
        objects = objects.map { Self.label($0, release: release) }
        state.objects += objects.map {
            FluxBuiltObject(
                value: $0, producer: subject, ancestors: ancestors, chart: release.chart,
                releaseNamespace: release.releaseNamespace)
        }
        do throws(YAMLValueError) {
            try state.sources.add(objects: objects, defaultNamespace: release.releaseNamespace)
        } catch {
            throw FluxBuildError(
                release: subject, step: "read rendered ConfigMaps and Secrets", message: error.description)
        }

        for object in objects where FluxHelmRelease.isHelmRelease(object) {
            let child = try FluxHelmRelease(object, defaultNamespace: release.releaseNamespace)
            guard state.built.insert(child.subject).inserted else {
                throw FluxBuildError(
                    release: subject, step: "build children",
                    message:
                        "it renders \(child.subject), which is already part of the tree (rendered twice, or a cycle)")
            }
            try await build(child, ancestors: ancestors + [subject], state: &state)
        }
    }

    private func checkRules(_ source: SourceBuffer, label: String) throws(FluxBuildError) {
        guard let validator else { return }
        let problems = validator.canaryProblems(source, label: label)
        if !problems.isEmpty {
            throw FluxBuildError(
                release: label, step: "check the canary rules", message: problems.joined(separator: "\n"))
        }
    }

    /// helm-controller's label post-renderers: `spec.commonMetadata` labels and annotations, then
    /// the origin labels `helm.toolkit.fluxcd.io/name` and `/namespace` (which win).
    static func label(_ object: YAMLValue, release: FluxHelmRelease) -> YAMLValue {
        guard var map = object.map else { return object }
        var metadata = map["metadata"]?.map ?? YAMLMap()
        var labels = metadata["labels"]?.map ?? YAMLMap()
        for (key, value) in release.commonLabels.entries { labels[key] = value }
        labels["helm.toolkit.fluxcd.io/name"] = .string(release.name)
        labels["helm.toolkit.fluxcd.io/namespace"] = .string(release.namespace)
        metadata["labels"] = .map(labels)
        if !release.commonAnnotations.isEmpty {
            var annotations = metadata["annotations"]?.map ?? YAMLMap()
            for (key, value) in release.commonAnnotations.entries { annotations[key] = value }
            metadata["annotations"] = .map(annotations)
        }
        map["metadata"] = .map(metadata)
        return .map(map)
    }
}
