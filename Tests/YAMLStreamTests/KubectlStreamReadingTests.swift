import Foundation
import TestSupport
import Testing
import YAMLStream

/// docs/yaml-rules.md section 3: where kubectl (k8s.io/apimachinery's `YAMLReader` splitting the
/// stream at lines that begin with `---`, go-yaml v2 reading the first document of each piece) and
/// libyaml read a stream differently, the parser reports an error naming line and column; where it
/// accepts, kubectl reads the same documents. One kubectl call per case checks the table itself.
@Suite("Reading the stream as kubectl does")
struct KubectlStreamReadingTests {
    enum Expected: Sendable {
        /// No error; kubectl reads the same objects.
        case accepted
        /// An error at LINE:COLUMN of document N whose message contains the text.
        case refused(Int, Int, document: Int, String)
        /// Refused, though kubectl reads it (a deliberate difference in docs/yaml-rules.md).
        case overRefused(String)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var stream: String
        var expected: Expected
        var testDescription: String { name }
    }

    static func cm(_ name: String, _ extra: String = "") -> String {
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \(name)\n" + extra
    }

    static let cases: [Case] = [
        Case(name: "plain separators", stream: cm("a") + "---\n" + cm("b"), expected: .accepted),
        Case(
            name: "separator with comment", stream: "--- # x\n" + cm("a") + "---\t# y\n" + cm("b"), expected: .accepted),
        Case(name: "separator with blanks", stream: cm("a") + "--- \t\n" + cm("b") + "---", expected: .accepted),
        Case(
            name: "CRLF",
            stream: (cm("a") + "---\n" + cm("b")).replacingOccurrences(of: "\n", with: "\r\n"), expected: .accepted),
        Case(name: "BOM at the start", stream: "\u{FEFF}---\n" + cm("a") + "---\n" + cm("b"), expected: .accepted),
        Case(name: "BOM, no separator", stream: "\u{FEFF}" + cm("a"), expected: .accepted),
        Case(name: "--- inside a block scalar", stream: cm("a", "data:\n  k: |\n    --- x\n"), expected: .accepted),
        Case(
            name: "lone CR before ---", stream: cm("a") + "x: 1\r---\n" + cm("b"),
            expected: .refused(6, 1, document: 2, "`---` after a carriage return (CR) without a line feed")),
        Case(
            name: "NEL before ---", stream: cm("a") + "x: 1\u{85}---\n" + cm("b"),
            expected: .refused(6, 1, document: 2, "`---` after a next line character (NEL, U+0085)")),
        Case(
            name: "LS before ---", stream: cm("a") + "x: 1\u{2028}---\n" + cm("b"),
            expected: .refused(6, 1, document: 2, "line separator (LS, U+2028)")),
        Case(
            name: "PS before ---", stream: cm("a") + "x: 1\u{2029}---\n" + cm("b"),
            expected: .refused(6, 1, document: 2, "paragraph separator (PS, U+2029)")),
        Case(
            name: "---# key", stream: cm("a") + "---#: x\n" + "y: 1\n---\n" + cm("b"),
            expected: .refused(5, 1, document: 1, "kubectl splits the stream at this line")),
        Case(
            name: "---- line", stream: cm("a", "data:\n  k: |\n----\n"),
            expected: .refused(7, 1, document: 1, "invalid Yaml document separator: -")),
        Case(
            name: "--- then NBSP", stream: cm("a") + "---\u{A0}\n" + cm("b"),
            expected: .refused(5, 1, document: 1, "kubectl splits the stream at this line")),
        Case(
            name: "--- !!map", stream: cm("a") + "--- !!map\n" + cm("b"),
            expected: .refused(5, 1, document: 2, "invalid Yaml document separator: !!map")),
        Case(
            name: "--- &anchor", stream: "--- &a\n" + cm("a"),
            expected: .refused(1, 1, document: 1, "invalid Yaml document separator: &a")),
        Case(
            name: "--- then CR and text", stream: cm("a") + "---\rx: 1\n" + cm("b"),
            expected: .refused(5, 1, document: 2, "invalid Yaml document separator: x: 1")),
        Case(
            name: "CR inside the comment of a --- line", stream: cm("a") + "--- # c\rx: 1\n" + cm("b", "y: 2\n"),
            expected: .refused(5, 1, document: 2, "a carriage return (CR) without a line feed inside a `---` line")),
        Case(
            name: "%YAML first", stream: "%YAML 1.1\n---\n" + cm("a"),
            expected: .refused(1, 1, document: 1, "a %YAML or %TAG directive")),
        Case(
            name: "%TAG mid-stream", stream: cm("a") + "...\n%TAG ! tag:yaml.org,2002:\n---\n" + cm("b"),
            expected: .refused(6, 1, document: 2, "a %YAML or %TAG directive")),
        Case(
            name: "implicit document after ...", stream: cm("a") + "...\n" + cm("b"),
            expected: .refused(6, 1, document: 2, "did not find expected <document start>")),
        Case(
            name: "BOM after a separator", stream: cm("a") + "---\n\u{FEFF}" + cm("b"),
            expected: .refused(6, 1, document: 2, "a byte order mark (U+FEFF) starts this document")),
        Case(
            name: "? in a flow plain scalar", stream: cm("a", "x: [--foo=a?b, c]\n"),
            expected: .refused(5, 12, document: 1, "`?` in the plain scalar `--foo=a?b`")),
        Case(
            name: "? in a flow mapping key", stream: cm("a", "x: {k?: v}\n") + "---\n" + cm("b"),
            expected: .refused(5, 6, document: 1, "go-yaml (kubectl) ends the scalar at `?`")),
        Case(name: "? quoted in flow", stream: cm("a", "x: [\"a?b\", 'c?d']\n"), expected: .accepted),
        Case(name: "? in a block plain scalar", stream: cm("a", "x: a?b\ny: [ok]\n"), expected: .accepted),
        Case(name: "? key indicator in flow", stream: cm("a", "x: [? a: b]\n"), expected: .accepted),
        Case(
            name: "\\/ escape", stream: cm("a", "x: \"gs://m/\\/2\"\n"),
            expected: .refused(5, 12, document: 1, "the escape `\\/` in a double-quoted scalar")),
        Case(
            name: "\\/ escape on a second line", stream: cm("a", "x: \"a\n  b\\/c\"\n"),
            expected: .refused(6, 4, document: 1, "go-yaml (kubectl) refuses it")),
        Case(name: "\\\\ then /", stream: cm("a", "x: \"a\\\\/b\"\n"), expected: .accepted),
        Case(name: "\\/ outside double quotes", stream: cm("a", "x: 'a\\/b'\ny: a\\/b\n"), expected: .accepted),
        Case(name: "\\' escape", stream: cm("a", "x: \"a\\'b\"\n"), expected: .overRefused("unknown escape")),
        Case(name: "[a:]", stream: cm("a", "x: [a:]\n"), expected: .overRefused("found unexpected ':'")),
    ]

    @Test(arguments: cases)
    func parserVerdict(_ c: Case) throws {
        let (_, outcome) = TestDocuments.parse(c.stream)
        switch c.expected {
        case .accepted:
            #expect(outcome.errors.isEmpty, "\(outcome.errors)")
        case .refused(let line, let column, let document, let text):
            let first = try #require(outcome.errors.first)
            #expect(outcome.errors.count == 1, "\(outcome.errors)")
            #expect(first.mark.line == line && first.mark.column == column, "\(first)")
            #expect(first.documentNumber == document, "\(first)")
            #expect(first.message.contains(text), "\(first.message)")
        case .overRefused(let text):
            #expect(outcome.errors.first?.message.contains(text) == true, "\(outcome.errors)")
        }
    }

    /// The table against kubectl: what the parser accepts, kubectl reads as the same objects; the
    /// documented over-refusals are read by kubectl.
    @Test(arguments: cases)
    func kubectlAgrees(_ c: Case) throws {
        let (docs, outcome) = TestDocuments.parse(c.stream)
        let names = docs.compactMap { doc in doc.node("metadata", "name").flatMap { doc.scalarText($0) } }
        let kubectl: [String]?
        do {
            kubectl = try KubectlReader.read(Array(c.stream.utf8)).map {
                ($0["metadata"] as? [String: Any])?["name"] as? String ?? "?"
            }
        } catch {
            kubectl = nil
        }
        switch c.expected {
        case .accepted:
            #expect(kubectl == names, "kubectl reads \(String(describing: kubectl)), the parser \(names)")
        case .refused:
            // kubectl fails, reads other objects, or (`---` + NBSP) reads them alike while libyaml fails.
            #expect(!outcome.errors.isEmpty)
        case .overRefused:
            #expect(kubectl != nil, "kubectl refuses it too: not an over-refusal")
        }
    }
}
