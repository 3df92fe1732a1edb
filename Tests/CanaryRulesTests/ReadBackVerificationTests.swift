import CanaryGroups
import Foundation
import KServeCanaryModel
import Testing
import YAMLEditing
import YAMLReadBack
import YAMLSource
import YAMLStream
import YAMLValues

@testable import CanaryRules

/// Issue 10 §1: post-render's read-back is the last line of defence. Fed edits that do not do
/// what the plan says (as a bug in the editor would), it names the document and the difference,
/// and nothing is written.
@Suite("Post-render read-back")
struct ReadBackVerificationTests {
    /// The seed's rendered stream: 1 canary, 2 primary, 3 VirtualService.
    static func seed() throws -> (SourceBuffer, [YAMLDocument]) {
        let source = SourceBuffer(
            bytes: try FixtureCase.all().first { $0.name == "seed-rendered" }!.bytes("input.yaml"))
        var documents: [YAMLDocument] = []
        _ = YAMLStreamParser().parse(source) { documents.append($0) }
        return (source, documents)
    }

    static let model = ["spec", "values", "inferenceservice", "predictor", "model"]
    /// The one planned change: the primary's storageUri becomes gs://m/new.
    static let planned = ReadBack.Change(model.map(YAMLPathComponent.key) + [.key("storageUri")], .string("gs://m/new"))

    /// The primary's record with `edits` that are meant to make only `changes`.
    static func primary(_ doc: YAMLDocument, edits: [ByteEdit], changes: [ReadBack.Change]) -> ReleaseRecord {
        ReleaseRecord(
            documentNumber: 2, name: "sklearn-primary", subject: "HelmRelease/sklearn-primary",
            nameMark: doc.start, namespace: "sample-dev", targetNamespace: nil, variant: .primary,
            group: "sklearn", chart: "kserve-model", labels: [:], model: nil, problems: [], edits: edits,
            unverifiedChanges: changes)
    }

    /// The byte range of the primary's storageUri value.
    static func storageUri(_ doc: YAMLDocument) throws -> Range<Int> {
        let root = try #require(doc.root)
        let entry = try #require(try doc.lookup(model + ["storageUri"], from: root))
        return doc[entry.value].range
    }

    @Test("an edit that writes another value than planned is caught, naming the document")
    func wrongValue() throws {
        let (_, docs) = try Self.seed()
        let doc = docs[1]
        let range = try Self.storageUri(doc)
        let planned = Self.planned
        let good = PostRenderReadBack.verify(
            releases: [Self.primary(doc, edits: [ByteEdit(range: range, text: "gs://m/new")], changes: [planned])],
            pending: [2: doc], routes: [], weightEdits: [:])
        #expect(good.isEmpty)
        for wrong in ["gs://m/other", "'gs://m/new", "gs://m/new\n          extra: 1", "060"] {
            let problems = PostRenderReadBack.verify(
                releases: [Self.primary(doc, edits: [ByteEdit(range: range, text: wrong)], changes: [planned])],
                pending: [2: doc], routes: [], weightEdits: [:])
            #expect(problems.count == 1, "\(wrong)")
            #expect(problems.first?.documentNumber == 2)
            #expect(
                problems.first?.message.hasPrefix(
                    "internal error: the edited document would not read back as intended (") == true)
            #expect(problems.first?.message.hasSuffix("); nothing was written. Please report this input") == true)
        }
    }

    @Test("an edit that changes a value the plan does not name is caught")
    func unplannedChange() throws {
        let (_, docs) = try Self.seed()
        let doc = docs[1]
        let root = try #require(doc.root)
        let format = try #require(try doc.lookup(Self.model + ["modelFormat", "name"], from: root))
        let edits = [
            ByteEdit(range: try Self.storageUri(doc), text: "gs://m/new"),
            ByteEdit(range: doc[format.value].range, text: "xgboost"),
        ]
        let problems = PostRenderReadBack.verify(
            releases: [Self.primary(doc, edits: edits, changes: [Self.planned])], pending: [2: doc], routes: [],
            weightEdits: [:])
        #expect(problems.map(\.documentNumber) == [2])
        #expect(
            problems.first?.message.contains("spec.values.inferenceservice.predictor.model.modelFormat.name") == true,
            "\(problems)")
    }

    @Test("an edit that swallows the document's last line break is caught")
    func lostLineBreak() throws {
        let (_, docs) = try Self.seed()
        let doc = docs[1]
        let end = doc.range.upperBound
        let edits = [
            ByteEdit(range: try Self.storageUri(doc), text: "gs://m/new"), ByteEdit(range: (end - 1)..<end, text: ""),
        ]
        let problems = PostRenderReadBack.verify(
            releases: [Self.primary(doc, edits: edits, changes: [Self.planned])], pending: [2: doc], routes: [],
            weightEdits: [:])
        #expect(problems.map(\.documentNumber) == [2])
        #expect(problems.first?.message.contains("its last line break was lost") == true, "\(problems)")
    }
}
