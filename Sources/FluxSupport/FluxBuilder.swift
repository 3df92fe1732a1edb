import CanaryRules
import FoundationEssentials
import YAMLStream

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

    /// Creates a builder.
    public init(chartsDirectory: String, helm: HelmTemplateRunner, kustomize: KustomizeRunner?, sources: ValuesSourceStore,
                canaryPostRenderer: CanaryOptions? = nil, validator: FluxTreeValidator? = FluxTreeValidator()) {
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

    /// Builds the tree for the objects of one input file: its HelmReleases are built, every
    /// object (HelmReleases, ConfigMaps, anything else) is part of the output.
    /// - Parameters:
    ///   - input: the file's objects.
    ///   - label: the file's name, for messages and comments.
    ///   - defaultNamespace: namespace of input objects that set none.
    public func build(_ input: [YAMLValue], label: String, defaultNamespace: String) throws(FluxBuildError) -> FluxBuildResult {
        var state = State(sources: sources)
        do throws(YAMLValueError) {
            try state.sources.add(objects: input, defaultNamespace: defaultNamespace)
        } catch {
            throw FluxBuildError(release: label, step: "read ConfigMaps and Secrets", message: error.description)
        }
        var roots: [FluxHelmRelease] = []
        for object in input {
            state.objects.append(FluxBuiltObject(value: object, producer: nil, ancestors: [], chart: nil, releaseNamespace: defaultNamespace))
            if FluxHelmRelease.isHelmRelease(object) {
                let release = try FluxHelmRelease(object, defaultNamespace: defaultNamespace)
                guard state.built.insert(release.subject).inserted else {
                    throw FluxBuildError(release: release.subject, step: "read HelmRelease", message: "\(label) holds this HelmRelease twice")
                }
                roots.append(release)
            }
        }
        if let validator {
            let problems = validator.canaryProblems(state.objects, label: label)
            if !problems.isEmpty {
                throw FluxBuildError(release: label, step: "check the canary rules", message: problems.joined(separator: "\n"))
            }
        }
        if roots.isEmpty {
            throw FluxBuildError(release: label, step: "read input", message: "no helm.toolkit.fluxcd.io HelmRelease in the file")
        }
        for release in roots {
            try build(release, ancestors: [], state: &state)
        }
        var result = FluxBuildResult(objects: state.objects, releases: state.releases, input: label)
        if let validator {
            result.notes = try validator.validate(result)
        }
        return result
    }

    private func build(_ release: FluxHelmRelease, ancestors: [String], state: inout State) throws(FluxBuildError) {
        let subject = release.subject
        guard ancestors.count < maxDepth else {
            throw FluxBuildError(release: subject, step: "build", message: "HelmReleases nest deeper than \(maxDepth) levels: \((ancestors + [subject]).joined(separator: " > "))")
        }
        state.releases.append(subject)

        // Values.
        let values: YAMLMap
        do throws(FluxValuesComposer.Failure) {
            values = try FluxValuesComposer(sources: state.sources).compose(
                namespace: release.namespace, values: release.values, references: release.valuesFrom)
        } catch {
            let hint = error.missingObject ? " (give the object with --configmap FILE or --secret FILE, or mark the reference optional)" : ""
            throw FluxBuildError(release: subject, step: "compose values", message: error.message + hint)
        }

        // Render.
        let chartDirectory = try locateChart(release)
        var manifests = try helm.render(release: release, chartDirectory: chartDirectory, values: values)

        // Post-render.
        if let options = canaryPostRenderer {
            let source = SourceBuffer(bytes: manifests)
            let outcome = CanaryPostRenderer(options: options).run(source)
            guard outcome.diagnostics.isEmpty else {
                throw FluxBuildError(release: subject, step: "post-render (kserve-canary)",
                                     message: outcome.diagnostics.map { $0.formatted(file: "helm-output.yaml") }.joined(separator: "\n"))
            }
            manifests = EditApplier.apply(outcome.edits, to: source)
        }
        for (i, renderer) in release.postRenderers.enumerated() {
            let step = "post-render (spec.postRenderers[\(i)], Kustomize)"
            guard let kustomize else {
                throw FluxBuildError(release: subject, step: step,
                                     message: "kubectl not found; pass --kubectl PATH or set KUBECTL (Flux applies postRenderers with Kustomize)")
            }
            manifests = try kustomize.run(manifests, with: renderer, release: subject, step: step)
        }

        // Objects, labelled as helm-controller labels them.
        var objects: [YAMLValue]
        do throws(YAMLValueError) {
            objects = try YAMLValueReader.documents(SourceBuffer(bytes: manifests))
        } catch {
            throw FluxBuildError(release: subject, step: "read rendered manifests", message: error.description)
        }
        objects = objects.map { Self.label($0, release: release) }

        let built = objects.map {
            FluxBuiltObject(value: $0, producer: subject, ancestors: ancestors, chart: release.chart, releaseNamespace: release.releaseNamespace)
        }
        if let validator {
            let problems = validator.canaryProblems(built, label: subject)
            if !problems.isEmpty {
                throw FluxBuildError(release: subject, step: "check the canary rules", message: problems.joined(separator: "\n"))
            }
        }
        state.objects += built
        do throws(YAMLValueError) {
            try state.sources.add(objects: objects, defaultNamespace: release.releaseNamespace)
        } catch {
            throw FluxBuildError(release: subject, step: "read rendered ConfigMaps and Secrets", message: error.description)
        }

        // Children.
        for object in objects where FluxHelmRelease.isHelmRelease(object) {
            let child = try FluxHelmRelease(object, defaultNamespace: release.releaseNamespace)
            guard state.built.insert(child.subject).inserted else {
                throw FluxBuildError(release: subject, step: "build children",
                                     message: "it renders \(child.subject), which is already part of the tree (rendered twice, or a cycle)")
            }
            try build(child, ancestors: ancestors + [subject], state: &state)
        }
    }

    /// `<dir>/<chart>`, else `<dir>/<last path component of chart>` (a GitRepository path such as
    /// `./charts/kserve-model`), whichever holds a `Chart.yaml`.
    func locateChart(_ release: FluxHelmRelease) throws(FluxBuildError) -> String {
        let base = chartsDirectory.hasSuffix("/") ? String(chartsDirectory.dropLast()) : chartsDirectory
        var candidates = [base + "/" + release.chart]
        if let last = release.chart.split(separator: "/").last, String(last) != release.chart {
            candidates.append(base + "/" + last)
        }
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate + "/Chart.yaml") {
            return candidate
        }
        throw FluxBuildError(release: release.subject, step: "locate chart \(release.chart)",
                             message: "no Chart.yaml in \(candidates.joined(separator: " or ")); --charts DIR must hold one directory per chart (DIR/<chart>/Chart.yaml)")
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
