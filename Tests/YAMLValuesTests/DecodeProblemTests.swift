import TestSupport
import Testing
import YAMLSource
import YAMLStream

@testable import YAMLValues

/// `YAMLDocument.decodeProblem` against kubectl: a document it finds a problem in is one kubectl
/// refuses, and one it passes is one kubectl reads, case by case (one small stream each).
@Suite("What kubectl cannot decode")
struct DecodeProblemTests {
    static let cases = [
        // Refused by kubectl.
        "v: !!int abc", "v: !!binary YWJj====", "v: !!binary YQ===", "v: .nan", "v: -.inf", "v: !!float .inf",
        "~: a", "null: a", "NULL: a", "18446744073709551616: a", "? [1]\n  : a", "? {a: 1}\n  : b",
        "m: {<<: ~}", "s: &s [{a: 1}]\n  m: {<<: *s}", "m: {! <<: 1}",
        // Read by kubectl.
        "v: !!binary YWJj", "v: .5", "v: -1", "v: +.5e3", "nan: 1", "name: a", "1: a", "-1: a", "yes: a",
        "Nothing: a", "m: {<<: [{a: 1}, {b: 2}]}", "a: &a {x: 1}\n  m: {<<: *a}", "\"~\": a", "v: ! .nan",
        "m: {\"<<\": 1}",
    ]

    @Test(arguments: cases)
    func agreesWithKubectl(_ text: String) throws {
        let stream = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  \(text)\n"
        var doc: YAMLDocument?
        let outcome = YAMLStreamParser().parse(SourceBuffer(stream)) { doc = $0 }
        try #require(outcome.errors.isEmpty)
        let problem = try #require(doc).decodeProblem()
        let kubectlReads = (try? KubectlReader.read(Array(stream.utf8))) != nil
        #expect((problem == nil) == kubectlReads, "\(text.debugDescription): ours \(problem.map(\.message) ?? "reads")")
    }
}
