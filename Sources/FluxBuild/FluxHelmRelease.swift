import HelmValues
import KServeCanaryModel
import YAMLValues

/// What `flux build` needs of a `helm.toolkit.fluxcd.io` HelmRelease: identity, release name and
/// namespace as helm-controller computes them, the chart, values, `valuesFrom`, post-renderers
/// and common metadata.
public struct FluxHelmRelease: Sendable {
    /// `metadata.name`.
    public var name: String
    /// `metadata.namespace` (or the namespace it was applied to).
    public var namespace: String
    /// The Helm release name: `spec.releaseName`, else `[<targetNamespace>-]<name>`, shortened to
    /// 53 characters with a hash as helm-controller does.
    public var releaseName: String
    /// The Helm release namespace: `spec.targetNamespace`, else the HelmRelease's namespace.
    public var releaseNamespace: String
    /// `spec.chart.spec.chart` (a name, or a path in a GitRepository/Bucket), or `spec.chartRef.name`.
    public var chart: String
    /// `spec.chart.spec.sourceRef.kind` or `spec.chartRef.kind`.
    public var sourceKind: String
    /// `spec.values`.
    public var values: YAMLMap?
    /// `spec.valuesFrom`, in order.
    public var valuesFrom: [ValuesReference]
    /// `spec.postRenderers[].kustomize`, in order.
    public var postRenderers: [KustomizePostRenderer]
    /// `spec.commonMetadata.labels`.
    public var commonLabels: YAMLMap
    /// `spec.commonMetadata.annotations`.
    public var commonAnnotations: YAMLMap
    /// `spec.test.enable`: whether Helm test hooks belong to the release.
    public var testsEnabled: Bool
    /// The whole object.
    public var object: YAMLValue

    /// `HelmRelease <namespace>/<name>`, as errors name it.
    public var subject: String { "HelmRelease \(namespace)/\(name)" }

    /// Whether `object` is a Flux HelmRelease.
    public static func isHelmRelease(_ object: YAMLValue) -> Bool {
        KubernetesKinds.isHelmRelease(
            apiVersion: object["apiVersion"]?.string ?? "", kind: object["kind"]?.string ?? "")
    }

    /// Reads a HelmRelease object.
    /// - Parameter defaultNamespace: the namespace when `metadata.namespace` is absent.
    /// - Throws: `FluxBuildError` (step `read HelmRelease`) naming the offending field.
    public init(_ object: YAMLValue, defaultNamespace: String) throws(FluxBuildError) {
        let name = object.value(at: ["metadata", "name"])?.string ?? ""
        let namespace = object.value(at: ["metadata", "namespace"])?.string ?? defaultNamespace
        let subject = "HelmRelease \(namespace)/\(name.isEmpty ? "(unnamed)" : name)"
        func fail(_ message: String) -> FluxBuildError {
            FluxBuildError(release: subject, step: "read HelmRelease", message: message)
        }
        guard !name.isEmpty else { throw fail("metadata.name is missing") }
        guard let spec = object["spec"]?.map else { throw fail("spec is missing") }
        func string(_ path: [String]) throws(FluxBuildError) -> String? {
            guard let value = YAMLValue.map(spec).value(at: path), !value.isNull else { return nil }
            guard let s = value.string else {
                throw fail("spec.\(path.joined(separator: ".")) must be a string, found \(value.kindDescription)")
            }
            return s
        }

        self.name = name
        self.namespace = namespace
        self.object = object
        let targetNamespace = try string(["targetNamespace"]) ?? ""
        let releaseName = try string(["releaseName"]) ?? ""
        self.releaseName = Self.shortenName(
            FluxReleaseNames.releaseName(releaseName: releaseName, targetNamespace: targetNamespace, name: name))
        self.releaseNamespace =
            FluxReleaseNames.releaseNamespace(targetNamespace: targetNamespace, namespace: namespace) ?? namespace

        if let chart = try string(["chart", "spec", "chart"]) {
            self.chart = chart
            self.sourceKind = try string(["chart", "spec", "sourceRef", "kind"]) ?? ""
            if spec["chartRef"] != nil { throw fail("set exactly one of spec.chart and spec.chartRef") }
        } else if let chartRef = try string(["chartRef", "name"]) {
            self.chart = chartRef
            self.sourceKind = try string(["chartRef", "kind"]) ?? ""
        } else {
            throw fail("neither spec.chart.spec.chart nor spec.chartRef.name is set")
        }

        switch spec["values"] {
        case nil, .null?: values = nil
        case .map(let m)?: values = m
        case let other?: throw fail("spec.values must be a mapping, found \(other.kindDescription)")
        }

        var references: [ValuesReference] = []
        if let list = spec["valuesFrom"], !list.isNull {
            guard let items = list.list else { throw fail("spec.valuesFrom must be a list") }
            for (i, item) in items.enumerated() {
                guard item.map != nil, let kind = item["kind"]?.string, let refName = item["name"]?.string,
                    !refName.isEmpty
                else {
                    throw fail("spec.valuesFrom[\(i)] needs kind and name")
                }
                references.append(
                    ValuesReference(
                        kind: kind, name: refName, valuesKey: item["valuesKey"]?.string ?? "",
                        targetPath: item["targetPath"]?.string ?? "", optional: item["optional"]?.bool ?? false,
                        literal: item["literal"]?.bool ?? false))
            }
        }
        self.valuesFrom = references

        var renderers: [KustomizePostRenderer] = []
        if let list = spec["postRenderers"], !list.isNull {
            guard let items = list.list else { throw fail("spec.postRenderers must be a list") }
            for (i, item) in items.enumerated() {
                guard let kustomize = item["kustomize"], !kustomize.isNull else { continue }
                var renderer = KustomizePostRenderer()
                for (j, patch) in (kustomize["patches"]?.list ?? []).enumerated() {
                    guard let text = patch["patch"]?.string else {
                        throw fail("spec.postRenderers[\(i)].kustomize.patches[\(j)].patch must be a string")
                    }
                    renderer.patches.append(
                        KustomizePatch(patch: text, target: patch["target"].map(KustomizeSelector.init)))
                }
                for (j, image) in (kustomize["images"]?.list ?? []).enumerated() {
                    guard let imageName = image["name"]?.string else {
                        throw fail("spec.postRenderers[\(i)].kustomize.images[\(j)].name must be a string")
                    }
                    renderer.images.append(
                        KustomizeImage(
                            name: imageName, newName: image["newName"]?.string ?? "",
                            newTag: image["newTag"]?.string ?? "", digest: image["digest"]?.string ?? ""))
                }
                renderers.append(renderer)
            }
        }
        self.postRenderers = renderers
        self.commonLabels = spec["commonMetadata"]?["labels"]?.map ?? YAMLMap()
        self.commonAnnotations = spec["commonMetadata"]?["annotations"]?.map ?? YAMLMap()
        self.testsEnabled = spec["test"]?["enable"]?.bool ?? false
    }

    /// helm-controller's `release.ShortenName`: names over 53 characters become their first 40
    /// characters, `-`, and the first 12 hex digits of their SHA-256.
    public static func shortenName(_ name: String) -> String {
        let bytes = Array(name.utf8)
        guard bytes.count > FluxReleaseNames.maxReleaseName else { return name }
        return String(decoding: bytes[0..<40], as: UTF8.self) + "-" + String(SHA256.hex(bytes).prefix(12))
    }
}
