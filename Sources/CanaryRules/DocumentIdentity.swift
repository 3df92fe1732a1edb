import YAMLStream

/// The Kubernetes identity of a document: apiVersion, kind, name, namespace and our labels.
struct DocumentIdentity {
    var apiVersion: String
    var kind: String
    var name: String
    var namespace: String
    /// Only the `kserve-canary.io/*` labels are kept: thousands of identities stay in memory at once.
    var labels: [String: String]
    var nameMark: YAMLMark
    var root: Int

    /// `Kind/name`.
    var subject: String { "\(kind)/\(name)" }

    /// Reads the identity of a document whose root is a mapping with string `kind` and `metadata.name`.
    init?(_ doc: YAMLDocument) {
        guard let root = doc.root, doc[root].kind == .mapping,
              let kindNode = doc.value("kind", in: root), let kind = doc.scalar(kindNode),
              let apiNode = doc.value("apiVersion", in: root), let apiVersion = doc.scalar(apiNode),
              let metadata = doc.value("metadata", in: root), doc[metadata].kind == .mapping,
              let nameNode = doc.value("name", in: metadata), let name = doc.scalar(nameNode)
        else { return nil }
        self.root = root
        self.kind = kind
        self.apiVersion = apiVersion
        self.name = name
        self.nameMark = doc[nameNode].mark
        self.namespace = doc.value("namespace", in: metadata).flatMap { doc.scalar($0) } ?? ""
        var labels: [String: String] = [:]
        if let labelsNode = doc.value("labels", in: metadata) {
            for (k, v) in doc.entries(labelsNode) {
                guard let key = doc.scalar(k), key == CanaryLabels.group || key == CanaryLabels.variant else { continue }
                if let value = doc.scalar(doc.resolve(v)) { labels[key] = value }
            }
        }
        self.labels = labels
    }
}
