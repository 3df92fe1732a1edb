import CanaryRules
import Foundation
import TestSupport
import Testing
import YAMLEditing
import YAMLSource
import YAMLStream

@Suite("Golden fixtures")
struct GoldenTests {
    @Test("post-render matches the golden output or errors", arguments: try FixtureCase.all())
    func golden(_ fixture: FixtureCase) throws {
        let input = SourceBuffer(bytes: try fixture.bytes("input.yaml"), lastLineEnded: true)
        let result = CanaryPostRenderer(options: try fixture.options()).run(input)
        if fixture.exists("errors.txt") {
            let expected = String(decoding: try fixture.bytes("errors.txt"), as: UTF8.self)
            let actual = result.diagnostics.map { $0.formatted(file: "<stdin>") + "\n" }.joined()
            #expect(actual == expected)
            #expect(result.edits.isEmpty)
        } else {
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map { $0.formatted(file: fixture.name) })")
            let output = EditApplier.apply(result.edits, to: input)
            let expected = try fixture.bytes("output.yaml")
            #expect(output == expected, "output differs from \(fixture.name)/output.yaml")
        }
    }

    @Test(
        "post-rendering the output again changes nothing",
        arguments: try FixtureCases.nonEmpty(
            FixtureCase.all().filter { $0.exists("output.yaml") }, from: "Fixtures/*/output.yaml"))
    func idempotent(_ fixture: FixtureCase) throws {
        let once = SourceBuffer(bytes: try fixture.bytes("output.yaml"), lastLineEnded: true)
        let options = try fixture.options()
        let again = CanaryPostRenderer(options: options).run(once)
        #expect(again.diagnostics.isEmpty)
        #expect(again.edits.isEmpty, "second pass planned \(again.edits.count) edits")
    }

    @Test func seedSummaryReportsBothVariants() throws {
        let fixture = try #require(FixtureCase.all().first { $0.name == "seed-rendered" })
        let result = CanaryPostRenderer().run(SourceBuffer(bytes: try fixture.bytes("input.yaml"), lastLineEnded: true))
        #expect(result.summary.map(\.variant) == [.primary, .canary])
        #expect(result.summary.map(\.weight) == [60, 40])
        #expect(
            result.summary.map(\.storageUri) == [
                "gs://kfserving-examples/models/sklearn/1.0/model",
                "gs://kfserving-examples/models/sklearn/1.0/model-2",
            ])
        #expect(
            result.summary.allSatisfy {
                $0.modelName == "sklearn" && $0.hosts == ["sklearn-predictor-sample-dev.api.sandbox-uw2.sample.io"]
            })
    }
}
