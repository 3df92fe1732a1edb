import KServeCanaryModel
import YAMLSource
import YAMLStream
import YAMLValues

/// Finds the values mapping in a YAML stream (documents read the way kubectl reads them).
///
/// Rules, in order:
/// 1. `--path P`: the documents where `P` leads to a mapping (with `--release`, only the
///    HelmRelease of that name); exactly one must match.
/// 2. `--release NAME`: the Flux HelmRelease (`helm.toolkit.fluxcd.io/*`) with `metadata.name`
///    NAME; its `spec.values`.
/// 3. Otherwise, among the Flux HelmReleases: the one whose `spec.chart.spec.chart` is
///    `kserve-general`, or else the only HelmRelease; its `spec.values`.
/// 4. With no HelmRelease: a single-document file whose root mapping is not a Kubernetes object
///    (no `apiVersion` and `kind`) is a values file; its root is the values mapping.
/// Anything else is ambiguous and refused, with what was found and which option to use.
public enum ValuesLocator {
    /// The chart name that marks the parent HelmRelease of a canary.
    public static let parentChart = CanaryCharts.general

    /// Parses `source` and locates the values mapping.
    /// - Throws: `LifecycleError` on YAML syntax errors, duplicate keys in the values, or when no
    ///   (or more than one) candidate is found.
    public static func locate(in source: SourceBuffer, selector: ValuesSelector) throws(LifecycleError)
        -> ValuesLocation
    {
        var documents: [YAMLDocument] = []
        let outcome = YAMLStreamParser().parse(source) { documents.append($0) }
        if let error = outcome.errors.first {
            throw LifecycleError(
                .syntax, mark: error.mark,
                "document \(error.documentNumber): YAML syntax error: \(error.message); fix it before editing the file")
        }
        let nonEmpty = documents.filter { doc in doc.root.map { !doc.isNull($0) } ?? false }
        guard !nonEmpty.isEmpty else {
            throw LifecycleError(
                .notFound,
                "the file holds no YAML document; expected a Flux HelmRelease of \(parentChart) or a values file")
        }
        let location = try choose(nonEmpty.map(Candidate.init), selector: selector)
        let doc = location.document
        if let duplicate = doc.duplicateKeys(under: location.mapping).first {
            throw LifecycleError(
                .ambiguous, mark: doc[duplicate.duplicate].mark,
                """
                duplicate key `\(doc.scalarText(duplicate.duplicate) ?? "")` (first at line \
                \(doc[duplicate.first].line)); kubectl and Helm keep the last one silently, \
                so remove one by hand first
                """
            )
        }
        return location
    }

    /// A document and what it is.
    struct Candidate {
        let doc: YAMLDocument
        let root: YAMLNodeID
        /// Set when the document is a Flux HelmRelease.
        let release: ReleaseIdentity?
        let chart: String?
        let isKubernetesObject: Bool
        let kind: String?

        init(_ doc: YAMLDocument) {
            self.doc = doc
            root = doc.root!
            func string(_ path: [String]) -> String? {
                guard let entry = try? doc.lookup(path, from: doc.root!), doc[entry.value].kind == .scalar else {
                    return nil
                }
                return (try? doc.scalarValue(entry.value))?.stringValue
            }
            let kind = string(["kind"])
            self.kind = kind
            let apiVersion = string(["apiVersion"])
            isKubernetesObject = kind != nil && apiVersion != nil
            if let kind, let apiVersion, KubernetesKinds.isHelmRelease(apiVersion: apiVersion, kind: kind) {
                release = ReleaseIdentity(
                    namespace: string(["metadata", "namespace"]), name: string(["metadata", "name"]) ?? "(unnamed)")
            } else {
                release = nil
            }
            chart = string(KubernetesKinds.HelmRelease.chart) ?? string(KubernetesKinds.HelmRelease.chartRef)
        }
    }

    static func choose(_ documents: [Candidate], selector: ValuesSelector) throws(LifecycleError) -> ValuesLocation {
        let releases = documents.filter { $0.release != nil }
        if let path = selector.path {
            var candidates = documents
            if let name = selector.release {
                candidates = releases.filter { $0.release?.name == name }
                if candidates.isEmpty { throw noSuchRelease(name, releases) }
            }
            let found = candidates.compactMap { c -> ValuesLocation? in
                let node: YAMLNodeID?
                if path.isEmpty { node = c.root } else { node = (try? c.doc.lookup(path, from: c.root))?.value }
                guard let node, c.doc[node].kind == .mapping else { return nil }
                return ValuesLocation(document: c.doc, mapping: node, path: path, release: c.release)
            }
            let shown = ValuesSelector.describe(path)
            if found.isEmpty {
                throw LifecycleError(
                    .notFound, mark: candidates.count == 1 ? candidates[0].doc.start : nil,
                    "no mapping at --path \(shown)\(candidates.count == 1 ? "" : " in any document")")
            }
            if found.count > 1 {
                throw LifecycleError(
                    .ambiguous,
                    """
                    \(found.count) documents have a mapping at --path \(shown) (documents \
                    \(found.map { String($0.document.number) }.joined(separator: ", "))); \
                    choose the HelmRelease with --release
                    """
                )
            }
            return found[0]
        }
        if let name = selector.release {
            let matches = releases.filter { $0.release?.name == name }
            if matches.isEmpty { throw noSuchRelease(name, releases) }
            if matches.count > 1 {
                throw LifecycleError(
                    .ambiguous, mark: matches[1].doc.start,
                    """
                    several HelmReleases are named \(name) (documents \
                    \(matches.map { String($0.doc.number) }.joined(separator: ", "))); \
                    use --path with a single-release file
                    """
                )
            }
            return try specValues(of: matches[0])
        }
        if !releases.isEmpty {
            let parents = releases.filter { $0.chart == parentChart }
            if parents.count == 1 { return try specValues(of: parents[0]) }
            if parents.count > 1 {
                throw LifecycleError(
                    .ambiguous,
                    """
                    \(parents.count) HelmReleases use chart \(parentChart) (\(names(parents))); \
                    choose one with --release
                    """
                )
            }
            if releases.count == 1 { return try specValues(of: releases[0]) }
            throw LifecycleError(
                .ambiguous,
                """
                \(releases.count) HelmReleases and none uses chart \(parentChart) (\(names(releases))); \
                choose one with --release
                """
            )
        }
        if selector.release == nil && documents.count == 1 {
            let c = documents[0]
            guard c.doc[c.root].kind == .mapping else {
                throw LifecycleError(
                    .notFound, mark: c.doc[c.root].mark,
                    "the document is not a mapping; expected a Flux HelmRelease of \(parentChart) or a values file")
            }
            if c.isKubernetesObject {
                throw LifecycleError(
                    .notFound, mark: c.doc[c.root].mark,
                    """
                    the document is a \(c.kind ?? "Kubernetes object"), not a Flux HelmRelease or a values file; \
                    use --path to name the values mapping
                    """
                )
            }
            return ValuesLocation(document: c.doc, mapping: c.root, path: [], release: nil)
        }
        throw LifecycleError(
            .ambiguous, "\(documents.count) documents and no Flux HelmRelease; use --path to say where the values are")
    }

    /// The `spec.values` mapping of a HelmRelease.
    static func specValues(of c: Candidate) throws(LifecycleError) -> ValuesLocation {
        let subject = c.release?.subject ?? "HelmRelease"
        guard let spec = try? c.doc.lookup("spec", in: c.root), c.doc[spec.value].kind == .mapping else {
            throw LifecycleError(.notFound, mark: c.doc[c.root].mark, "\(subject) has no spec mapping")
        }
        guard let values = try? c.doc.lookup("values", in: spec.value), !c.doc.isNull(values.value) else {
            throw LifecycleError(
                .notFound, mark: c.doc[spec.value].mark,
                "\(subject) has no spec.values; add them (at least inferenceservice.predictor.model.storageUri) first")
        }
        guard c.doc[values.value].kind == .mapping else {
            throw LifecycleError(
                .invalidValue, mark: c.doc[values.written].mark, "spec.values of \(subject) is not a mapping")
        }
        return ValuesLocation(
            document: c.doc, mapping: values.value, path: KubernetesKinds.HelmRelease.values, release: c.release)
    }

    static func names(_ candidates: [Candidate]) -> String {
        candidates.map { $0.release?.name ?? "(unnamed)" }.joined(separator: ", ")
    }

    static func noSuchRelease(_ name: String, _ releases: [Candidate]) -> LifecycleError {
        LifecycleError(
            .notFound,
            "no Flux HelmRelease named \(name) in the file" + (releases.isEmpty ? "" : " (found: \(names(releases)))"))
    }
}
