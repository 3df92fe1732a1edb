import CanaryGroups
import CanaryRules
import PropertyBased
import Testing
import YAMLEditing
import YAMLSource
import YAMLStream
import YAMLValues

@Suite("Properties of generated streams")
struct PassThroughPropertyTests {
    static let recipe = Gen.int(in: 0...10_000).array(of: 0...14)

    func run(_ text: String, _ options: CanaryOptions = CanaryOptions()) -> (PostRenderResult, [UInt8]) {
        let source = SourceBuffer(text)
        let result = CanaryPostRenderer(options: options).run(source)
        return (result, EditApplier.apply(result.edits, to: source))
    }

    @Test func unrelatedDocumentsAreByteIdentical() async {
        await propertyCheck(count: 200, input: Self.recipe, Gen.bool) { numbers, crlf in
            let recipe = StreamRecipe(numbers, crlf: crlf)
            let (result, output) = run(recipe.text)
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map { $0.formatted(file: "gen") })")
            let separator = crlf ? "---\r\n# doc " : "---\n# doc "
            let inParts = recipe.text.components(separatedBy: separator)
            let outParts = String(decoding: output, as: UTF8.self).components(separatedBy: separator)
            #expect(inParts.count == outParts.count)
            for (k, doc) in recipe.documents.enumerated() where !doc.owned && k + 1 < outParts.count {
                #expect(inParts[k + 1] == outParts[k + 1], "document \(k) changed")
            }
            if !recipe.documents.contains(where: \.owned) {
                #expect(output == Array(recipe.text.utf8))
            }
        }
    }

    @Test func postRenderingIsIdempotent() async {
        await propertyCheck(count: 200, input: Self.recipe, Gen.bool, Gen.int(in: -1...100)) { numbers, crlf, load in
            let options = CanaryOptions(weights: .strict, primaryLoad: load < 0 ? nil : load)
            let (first, once) = run(StreamRecipe(numbers, crlf: crlf).text, options)
            #expect(first.diagnostics.isEmpty)
            let (second, twice) = run(String(decoding: once, as: UTF8.self), options)
            #expect(second.diagnostics.isEmpty)
            #expect(second.edits.isEmpty)
            #expect(twice == once)
        }
    }

    @Test func rulesHoldInTheOutput() async {
        await propertyCheck(count: 100, input: Self.recipe) { numbers in
            let (_, output) = run(StreamRecipe(numbers, crlf: false).text)
            // Read back as kubectl reads it (values, not bytes).
            for object in (try? YAMLValueReader.documents(SourceBuffer(bytes: output))) ?? [] {
                guard let name = object.value(at: ["metadata", "name"])?.string,
                    let model = object.value(at: ["spec", "values", "inferenceservice", "predictor", "model"]),
                    object.value(at: ["spec", "chart", "spec", "chart"])?.string == "kserve-model"
                else { continue }
                let group = name.hasSuffix("-primary") ? String(name.dropLast(8)) : String(name.dropLast(7))
                #expect(model["newStorageUri"] == nil)
                #expect(model["storageUri"]?.string == "gs://b/\(group)/\(name.hasSuffix("-canary") ? 2 : 1)")
                let args = model["args"]?.list?.compactMap(\.string) ?? []
                #expect(args.last == "--model_name=\(group)")
                #expect(args.filter { $0.hasPrefix("--model_name") }.count == 1)
            }
        }
    }
}
