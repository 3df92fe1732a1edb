import Foundation
import TestSupport
import Testing
import YAMLScalars
import YAMLStream

/// Issue 10 §2: every string the tool writes reads back as the same string by kubectl's reading
/// (go-yaml v2), in block and flow context and in each style it keeps. One kubectl call reads
/// every case: one ConfigMap per value, written each way.
@Suite("Written scalars, read back by kubectl")
struct WrittenScalarsKubectlTests {
    static let values: [String] = [
        // Ordinary values stay plain; these must read back whatever style is chosen.
        "gs://bucket/model", "--model_name=sklearn", "s3://x/y_z", "hf://org/model@v1", "a,b", "x[1]", "a:{",
        // YAML 1.1 words and numbers, as go-yaml v2 resolves them.
        "", "060", "08", "0o17", "0x3C", "0b101", "-0b11", "+60", "1_000", "6e1", "1.", ".5", "+.inf", "-.Inf", ".NaN",
        "y", "Y", "n", "yes", "No", "on", "OFF", "true", "False", "~", "null", "NULL", "2024-01-02", "2024-1-2 3:04:05",
        "1:30", "<<", "=",
        // Indicators, blanks and breaks.
        " lead", "trail ", "\ttab", "a: b", "a #b", "#x", "-", "- x", "? x", ": x", "&a", "*a", "!t", "|x", ">x", "'q",
        "\"q", "%d", "@x", "`x", "---", "...", "...x", "a\nb", "a\r\nb", "a\tb", "line\u{85}break", "a\u{2028}b",
        "a\u{2029}b", "\u{FEFF}x", "x\u{7F}", "x\u{9F}", "é→😀", "it's", "a\\b",
        // go-yaml v2 ends a plain scalar at `?` in flow context (libyaml does not).
        "https://example.com/m?sig=abc", "a?b", "a ?b", "a?", "a/b",
    ]

    /// (how it was written, the text) for every value.
    static func writings(_ value: String) -> [(String, String)] {
        var out = [
            ("block", YAMLScalarFormatter.string(value)),
            ("flow", "[" + YAMLScalarFormatter.string(value, flow: true) + "]"),
        ]
        for (name, style) in [("plain", YAMLNodeStyle.plain), ("single", .singleQuoted), ("double", .doubleQuoted)] {
            out.append((name, YAMLScalarFormatter.string(value, style: style)))
            out.append((name + " flow", "[" + YAMLScalarFormatter.string(value, style: style, flow: true) + "]"))
        }
        return out
    }

    @Test func everyWrittenStringReadsBackInKubectl() throws {
        var stream = ""
        var expected: [(String, String, String)] = []
        for value in Self.values {
            for (how, text) in Self.writings(value) {
                stream += "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: case-\(expected.count)\n"
                stream += "data:\n  v: \(text)\n"
                expected.append((value, how, text))
            }
        }
        let objects = try KubectlReader.read(Array(stream.utf8))
        try #require(objects.count == expected.count, "kubectl read \(objects.count) of \(expected.count) objects")
        for (object, (value, how, text)) in zip(objects, expected) {
            let read = (object["data"] as? [String: Any])?["v"]
            let flow = how.hasSuffix("flow")
            let got = flow ? (read as? [Any])?.first as? String : read as? String
            #expect(
                got == value,
                "\(value.debugDescription) written \(how) as \(text.debugDescription) reads \(String(describing: read))"
            )
        }
    }
}
