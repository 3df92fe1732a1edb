import Foundation
import TestSupport
import Testing
import YAMLStream
import YAMLValues

/// The YAML layer's reading against kubectl's, on values chosen where readers disagree: YAML 1.1
/// scalars, tags, merge keys and their order, repeated keys, aliases, non-string keys. Each case
/// is a ConfigMap-like object in one stream, so one kubectl call checks them all.
@Suite("kubectl reads values as the YAML layer does")
struct KubectlDifferentialTests {
    static let cases: [String] = [
        // Scalars.
        "v: 060", "v: 08", "v: 0x3C", "v: 0o74", "v: 0b111100", "v: +60", "v: -0b11", "v: 1_000", "v: 060_0",
        "v: 60.0", "v: 6e1", "v: .5", "v: 1.", "v: 1e", "v: 1:30", "v: 2024-01-02", "v: 2024-01-02T03:04:05Z",
        "v: yes", "v: Off", "v: yEs", "v: y", "v: ~", "v: NULL", "v: ", "v: \"060\"", "v: '060'", "v: !!str 60",
        "v: !!int \"60\"", "v: !!float 1", "v: ! 60", "v: !custom 60", "v: !!binary aGk=", "v: |-\n    060",
        "v: 9223372036854775807", "v: 9223372036854775808", "v: -9223372036854775808", "v: 1e400", "v: 0x",
        "v: \"\\u0085\"", "v: gs://b/m",
        // Keys.
        "1: a", "060: a", "true: a", "yes: a", "1.5: a", "\"1\": a",
        // Repeated keys and merges, in go-yaml's order.
        "a: 1\n  a: 2", "a: 1\n  <<: {a: 2, b: 3}", "<<: {a: 2, b: 3}\n  a: 1", "<<: [{a: 1}, {a: 2, b: 2}]",
        "base: &b {x: 1, y: 2}\n  use: {<<: *b, y: 3}", "m: &m {a: 1}\n  n: {<<: [*m, {a: 9, c: 3}]}",
        "<<: {<<: {deep: 1}, mid: 2}", "!!merge <<: {t: 1}", "\"<<\": {q: 1}",
        // Aliases.
        "a: &x 060\n  b: *x", "a: &x [1, &y 2]\n  b: *x\n  c: *y",
    ]

    @Test func everyCaseReadsTheSame() throws {
        var stream = ""
        for (i, text) in Self.cases.enumerated() {
            stream += "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: case-\(i)\ndata:\n  \(text)\n"
        }
        let ours = try YAMLValueReader.documents(stream)
        let theirs = try KubectlReader.read(Array(stream.utf8))
        try #require(ours.count == Self.cases.count)
        try #require(theirs.count == Self.cases.count, "kubectl read \(theirs.count) objects")
        for (i, (mine, kubectl)) in zip(ours, theirs).enumerated() {
            #expect(
                mine["data"] == Self.value(kubectl["data"] ?? NSNull()), "case \(i): \(Self.cases[i].debugDescription)")
        }
    }

    @Test(arguments: ["v: !!int 60.0", "v: !!null x", "v: .inf", "v: *undefined", "? [1]\n  : a"])
    func whatKubectlRefusesIsRefused(_ text: String) throws {
        let stream = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  \(text)\n"
        #expect(throws: (any Error).self) { _ = try KubectlReader.read(Array(stream.utf8)) }
        // The YAML layer refuses, or reads a value JSON cannot carry (kubectl's error comes from JSON).
        if let value = try? YAMLValueReader.documents(stream).first {
            #expect(!YAMLValueWriter.json(value).isEmpty)
            #expect(Self.containsNonFinite(value))
        }
    }

    /// kubectl's JSON as a value (not through a YAML parser, which would read NEL as a line break).
    static func value(_ json: Any) -> YAMLValue {
        switch json {
        case let s as String: return .string(s)
        case let n as NSNumber:
            if String(cString: n.objCType) == "c" { return .bool(n.boolValue) }
            let d = n.doubleValue
            return d == d.rounded() && abs(d) < 9e15 ? .int(n.int64Value) : .float(d)
        case let a as [Any]: return .list(a.map(value))
        case let m as [String: Any]: return .map(YAMLMap(m.map { ($0.key, value($0.value)) }))
        default: return .null
        }
    }

    static func containsNonFinite(_ value: YAMLValue) -> Bool {
        switch value {
        case .float(let d): return !d.isFinite
        case .list(let l): return l.contains(where: containsNonFinite)
        case .map(let m): return m.entries.contains { containsNonFinite($0.value) || $0.key == ".inf" }
        default: return false
        }
    }
}
