import YAMLStream

/// Finds the values mapping in a YAML stream.
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
    public static let parentChart = "kserve-general"

    /// Parses `source` and locates the values mapping.
    /// - Throws: `LifecycleError` on YAML syntax errors, duplicate keys in the values, or when no
    ///   (or more than one) candidate is found.
    public static func locate(in source: SourceBuffer, selector: ValuesSelector) throws(LifecycleError) -> ValuesLocation {
        var documents: [YAMLDocument] = []
        let outcome = YAMLStreamParser().parse(source) { documents.append($0) }
        if let error = outcome.errors.first {
            throw LifecycleError(mark: error.mark, message: "document \(error.documentNumber): YAML syntax error: \(error.message); fix it before editing the file")
        }
        let nonEmpty = documents.filter { doc in doc.root.map { !doc.isNull($0) } ?? false }
        guard !nonEmpty.isEmpty else {
            throw LifecycleError(mark: nil, message: "the file holds no YAML document; expected a Flux HelmRelease of \(parentChart) or a values file")
        }
        let location = try choose(nonEmpty, selector: selector)
        if let duplicate = location.document.duplicateKeys(in: location.mapping..<(location.mapping + Int(location.document[location.mapping].subtreeSize))).first {
            let doc = location.document
            throw LifecycleError(mark: doc[duplicate.duplicate].mark, message: "duplicate key `\(doc.scalar(duplicate.duplicate) ?? "")` (first at line \(doc[duplicate.first].line)); tools disagree on which one wins, so remove one by hand first")
        }
        return location
    }

    static func choose(_ documents: [YAMLDocument], selector: ValuesSelector) throws(LifecycleError) -> ValuesLocation {
        let releases = documents.filter(isHelmRelease)
        if let path = selector.path {
            var candidates = documents
            if let name = selector.release {
                candidates = releases.filter { name == releaseName($0) }
                if candidates.isEmpty { throw noSuchRelease(name, releases) }
            }
            let found = candidates.compactMap { doc -> ValuesLocation? in
                guard let node = doc.value(at: path, from: doc.root!), doc[node].kind == .mapping else { return nil }
                return ValuesLocation(document: doc, mapping: node, path: path, subject: subject(doc))
            }
            let shown = ValuesSelector.describe(path)
            if found.isEmpty {
                throw LifecycleError(mark: candidates.count == 1 ? candidates[0].start : nil,
                                     message: "no mapping at --path \(shown)\(candidates.count == 1 ? "" : " in any document")")
            }
            if found.count > 1 {
                throw LifecycleError(mark: nil, message: "\(found.count) documents have a mapping at --path \(shown) (documents \(found.map { String($0.document.number) }.joined(separator: ", "))); choose the HelmRelease with --release")
            }
            return found[0]
        }
        if let name = selector.release {
            let matches = releases.filter { name == releaseName($0) }
            if matches.isEmpty { throw noSuchRelease(name, releases) }
            if matches.count > 1 {
                throw LifecycleError(mark: matches[1].start, message: "several HelmReleases are named \(name) (documents \(matches.map { String($0.number) }.joined(separator: ", "))); use --path with a single-release file")
            }
            return try specValues(of: matches[0])
        }
        if !releases.isEmpty {
            let parents = releases.filter { chartName($0) == parentChart }
            if parents.count == 1 { return try specValues(of: parents[0]) }
            if parents.count > 1 {
                throw LifecycleError(mark: nil, message: "\(parents.count) HelmReleases use chart \(parentChart) (\(names(parents))); choose one with --release")
            }
            if releases.count == 1 { return try specValues(of: releases[0]) }
            throw LifecycleError(mark: nil, message: "\(releases.count) HelmReleases and none uses chart \(parentChart) (\(names(releases))); choose one with --release")
        }
        if selector.release == nil && documents.count == 1 {
            let doc = documents[0]
            let root = doc.root!
            guard doc[root].kind == .mapping else {
                throw LifecycleError(mark: doc[root].mark, message: "the document is not a mapping; expected a Flux HelmRelease of \(parentChart) or a values file")
            }
            if let kind = doc.value("kind", in: root).flatMap(doc.scalar), doc.value("apiVersion", in: root) != nil {
                throw LifecycleError(mark: doc[root].mark, message: "the document is a \(kind), not a Flux HelmRelease or a values file; use --path to name the values mapping")
            }
            return ValuesLocation(document: doc, mapping: root, path: [], subject: nil)
        }
        throw LifecycleError(mark: nil, message: "\(documents.count) documents and no Flux HelmRelease; use --path to say where the values are")
    }

    /// The `spec.values` mapping of a HelmRelease.
    static func specValues(of doc: YAMLDocument) throws(LifecycleError) -> ValuesLocation {
        let root = doc.root!
        guard let spec = doc.value("spec", in: root), doc[spec].kind == .mapping else {
            throw LifecycleError(mark: doc[root].mark, message: "\(subject(doc) ?? "HelmRelease") has no spec mapping")
        }
        guard let values = doc.value("values", in: spec), !doc.isNull(values) else {
            throw LifecycleError(mark: doc[spec].mark, message: "\(subject(doc) ?? "HelmRelease") has no spec.values; add them (at least inferenceservice.predictor.model.storageUri) first")
        }
        guard doc[values].kind == .mapping else {
            throw LifecycleError(mark: doc[values].mark, message: "spec.values of \(subject(doc) ?? "HelmRelease") is not a mapping")
        }
        return ValuesLocation(document: doc, mapping: values, path: ["spec", "values"], subject: subject(doc))
    }

    /// Whether the document is a Flux HelmRelease (`apiVersion: helm.toolkit.fluxcd.io/*`, `kind: HelmRelease`).
    public static func isHelmRelease(_ doc: YAMLDocument) -> Bool {
        guard let root = doc.root, doc[root].kind == .mapping,
              doc.value("kind", in: root).flatMap(doc.scalar) == "HelmRelease",
              let api = doc.value("apiVersion", in: root).flatMap(doc.scalar) else { return false }
        return api.hasPrefix("helm.toolkit.fluxcd.io/")
    }

    static func releaseName(_ doc: YAMLDocument) -> String? {
        doc.value(at: ["metadata", "name"], from: doc.root!).flatMap(doc.scalar)
    }

    static func chartName(_ doc: YAMLDocument) -> String? {
        doc.value(at: ["spec", "chart", "spec", "chart"], from: doc.root!).flatMap(doc.scalar)
    }

    static func subject(_ doc: YAMLDocument) -> String? {
        guard isHelmRelease(doc) else { return nil }
        let namespace = doc.value(at: ["metadata", "namespace"], from: doc.root!).flatMap(doc.scalar)
        let name = releaseName(doc) ?? "(unnamed)"
        return "HelmRelease " + (namespace.map { "\($0)/" } ?? "") + name
    }

    static func names(_ docs: [YAMLDocument]) -> String {
        docs.map { releaseName($0) ?? "(unnamed)" }.joined(separator: ", ")
    }

    static func noSuchRelease(_ name: String, _ releases: [YAMLDocument]) -> LifecycleError {
        LifecycleError(mark: nil, message: "no Flux HelmRelease named \(name) in the file"
                       + (releases.isEmpty ? "" : " (found: \(names(releases)))"))
    }
}
