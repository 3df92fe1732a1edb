import KServeCanaryModel
import YAMLScalars
import YAMLStream
import YAMLValues

/// One Kubernetes object of the stream as kubectl reads it: a document's root mapping, or an item
/// of a list document (kubectl treats any object whose `items` is a list as a list of objects).
package struct StreamObject {
    package private(set) var document: YAMLDocument
    /// The object's mapping node.
    package let root: YAMLNodeID
    package let apiVersion: String
    package let kind: String
    package let name: String
    /// `metadata.namespace`; nil when absent (the object lands in the Helm release namespace).
    package let namespace: String?
    /// Only the `kserve-canary.io/*` labels (thousands of objects stay in memory at once).
    package let labels: [String: String]
    package let nameMark: YAMLMark
    /// Where the object is in its document: empty for the root, `items[i]` for a list item.
    package let path: [YAMLPathComponent]

    /// Whether the object is an item of a list document.
    package var inList: Bool { !path.isEmpty }

    /// 1-based number of the document in the whole stream (the parser numbers within a part).
    package var documentNumber: Int
    /// `Kind/name`.
    package var subject: String { "\(kind)/\(name)" }

    package var isHelmRelease: Bool { KubernetesKinds.isHelmRelease(apiVersion: apiVersion, kind: kind) }
    package var isVirtualService: Bool { KubernetesKinds.isVirtualService(apiVersion: apiVersion, kind: kind) }

    /// A diagnostic about this object.
    package func problem(_ mark: YAMLMark, _ message: String) -> Diagnostic {
        Diagnostic(mark: mark, documentNumber: documentNumber, subject: subject, message: message)
    }

    /// Lets the document's nodes go once everything needed from them has been read; the object's
    /// identity, marks and place in the stream stay. Nothing may read `document`'s nodes after.
    package mutating func dropNodes() { document = document.withoutNodes() }

    /// One problem per repeated key in the object (for objects the tool must read exactly).
    package func duplicateKeyProblems() -> [Diagnostic] {
        document.duplicateKeys(under: root).map { first, duplicate in
            problem(
                document[duplicate].mark,
                """
                duplicate key \(YAMLScalarFormatter.doubleQuoted(document.scalarText(duplicate) ?? "")) (first at \
                \(document[first].mark)); kubectl keeps the last one silently, remove one of them
                """
            )
        }
    }
}

/// What was read from one stream object, with the problems found reading it: a model release
/// or a VirtualService's routes. Parts of a stream are read apart and numbered from 1 each.
package protocol ObjectReading {
    var object: StreamObject { get set }
    var problems: [Diagnostic] { get set }
}

extension ObjectReading {
    package var subject: String { object.subject }
    package var documentNumber: Int { object.documentNumber }

    /// The same reading in a stream whose earlier parts hold `offset` documents.
    package func shifted(by offset: Int) -> Self {
        var copy = self
        copy.object.documentNumber += offset
        copy.problems = problems.map { $0.shifted(by: offset) }
        return copy
    }
}

/// Finds the objects of a document the way kubectl does.
package enum StreamObjectReader {
    /// The objects of `doc` (list items flattened, as kubectl's builder does), and problems that
    /// keep kubectl from reading the document.
    package static func objects(in doc: YAMLDocument) -> (objects: [StreamObject], problems: [Diagnostic]) {
        guard let root = doc.root else { return ([], []) }
        var objects: [StreamObject] = []
        var problems: [Diagnostic] = []
        collect(doc, root, path: [], into: &objects, &problems)
        return (objects, problems)
    }

    private static func collect(
        _ doc: YAMLDocument, _ node: YAMLNodeID, path: [YAMLPathComponent],
        into objects: inout [StreamObject], _ problems: inout [Diagnostic]
    ) {
        let mapping = doc.resolve(node)
        guard doc[mapping].kind == .mapping else { return }
        do throws(YAMLValueError) {
            if let items = try doc.lookup("items", in: mapping), doc[items.value].kind == .sequence {
                guard path.count < 16 else { return }
                for (i, item) in doc.children(items.value).enumerated() {
                    collect(doc, item, path: path + [.key("items"), .index(i)], into: &objects, &problems)
                }
                return
            }
            if let object = try read(doc, mapping, path: path) { objects.append(object) }
        } catch {
            problems.append(
                Diagnostic(
                    mark: error.mark ?? doc[mapping].mark, documentNumber: doc.number, subject: nil,
                    message: error.refusal("this document")))
        }
    }

    /// The identity of an object with string `apiVersion`, `kind` and `metadata.name`.
    private static func read(_ doc: YAMLDocument, _ mapping: YAMLNodeID, path: [YAMLPathComponent])
        throws(YAMLValueError) -> StreamObject?
    {
        func string(_ entry: YAMLEntry?) throws(YAMLValueError) -> String? {
            guard let entry, doc[entry.value].kind == .scalar else { return nil }
            return try doc.scalarValue(entry.value).stringValue
        }
        guard let kind = try string(doc.lookup("kind", in: mapping)),
            let apiVersion = try string(doc.lookup("apiVersion", in: mapping)),
            let metadata = try doc.lookup("metadata", in: mapping), doc[metadata.value].kind == .mapping,
            let nameEntry = try doc.lookup("name", in: metadata.value), let name = try string(nameEntry)
        else { return nil }
        let namespace = try string(doc.lookup("namespace", in: metadata.value))
        var labels: [String: String] = [:]
        if let labelsEntry = try doc.lookup("labels", in: metadata.value), doc[labelsEntry.value].kind == .mapping {
            for key in [CanaryLabels.group, CanaryLabels.variant] {
                if let value = try string(doc.lookup(key, in: labelsEntry.value)) { labels[key] = value }
            }
        }
        return StreamObject(
            document: doc, root: mapping, apiVersion: apiVersion, kind: kind, name: name,
            namespace: namespace.flatMap { $0.isEmpty ? nil : $0 }, labels: labels,
            nameMark: doc[nameEntry.value].mark, path: path, documentNumber: doc.number)
    }
}
