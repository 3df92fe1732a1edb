import CanaryGroups
import KServeCanaryModel
import StreamObjects
import YAMLEditing
import YAMLReadBack
import YAMLStream
import YAMLValues

/// Post-render's read-back of the documents not already read back as they were planned (those of
/// VirtualServices and of list documents): each must read back (`ReadBack.difference`) as the
/// input with exactly the planned changes.
enum PostRenderReadBack {
    /// Problems with the edited documents (empty when every one reads back as intended).
    /// - Parameters:
    ///   - releases: the member releases; those with unverified changes are read back here.
    ///   - pending: the documents of those releases, by number.
    ///   - routes: the route targets; their documents' weight edits are in `weightEdits`.
    static func verify(
        releases: [ReleaseRecord], pending: [Int: YAMLDocument], routes: [RouteTarget],
        weightEdits: [Int: [ByteEdit]]
    ) -> [Diagnostic] {
        struct Entry {
            let document: YAMLDocument
            var edits: [ByteEdit] = []
            var changes: [ReadBack.Change] = []
        }
        var documents: [Int: Entry] = [:]
        for release in releases where !release.unverifiedChanges.isEmpty {
            guard let document = pending[release.documentNumber] else { continue }
            documents[release.documentNumber, default: Entry(document: document)].edits += release.edits
            documents[release.documentNumber]!.changes += release.unverifiedChanges
        }
        for target in routes where target.needsChange {
            let object = target.service.object
            let number = object.documentNumber
            if documents[number] == nil { documents[number] = Entry(document: object.document) }
            documents[number]!.changes += target.changes.map { destination, weight in
                ReadBack.Change(
                    object.path + [
                        .key("spec"), .key(target.route.protocolName.rawValue), .index(target.route.index),
                        .key("route"), .index(destination.position), .key("weight"),
                    ], .int(Int64(weight)))
            }
        }
        for (number, edits) in weightEdits where documents[number] != nil { documents[number]!.edits += edits }
        return documents.sorted { $0.key < $1.key }.compactMap { number, entry in
            ReadBack.difference(entry.document, edits: entry.edits, changes: entry.changes).map {
                problem($0, document: entry.document, number: number)
            }
        }
    }

    /// The diagnostic for a document that does not read back as intended. A document holding a
    /// scalar too long to keep cannot be compared: that is the reader's limit, not a bug.
    static func problem(_ text: String, document: YAMLDocument, number: Int) -> Diagnostic {
        Diagnostic(
            mark: document.start, documentNumber: number, subject: nil,
            message: document.hasTruncatedScalar
                ? """
                cannot check the edited document: it holds a scalar over 64 KiB, longer than \
                kserve-canary reads back; nothing was written
                """
                : """
                internal error: the edited document would not read back as intended (\(text)); \
                nothing was written. Please report this input
                """
        )
    }
}
