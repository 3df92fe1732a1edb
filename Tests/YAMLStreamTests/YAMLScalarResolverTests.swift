import Testing
import YAMLScalars

@testable import YAMLStream

/// go-yaml v2's `resolve` (resolve.go) rule by rule; the kubectl differential test in
/// YAMLValuesTests checks the same table against the real reader.
@Suite("YAMLScalarResolver")
struct YAMLScalarResolverTests {
    @Test(
        arguments: [
            // The fixed table, exact spellings only.
            ("y", YAMLScalar.bool(true)), ("Yes", .bool(true)), ("ON", .bool(true)), ("True", .bool(true)),
            ("n", .bool(false)), ("NO", .bool(false)), ("off", .bool(false)), ("FALSE", .bool(false)),
            ("yEs", .string("yEs")), ("tRue", .string("tRue")), ("nope", .string("nope")),
            ("", .null), ("~", .null), ("null", .null), ("Null", .null), ("NULL", .null), ("nULL", .string("nULL")),
            (".inf", .float(.infinity)), ("-.Inf", .float(-.infinity)), ("+.INF", .float(.infinity)),
            // Integers: Go's ParseInt(s, 0, 64) after removing every `_`.
            ("60", .int(60)), ("060", .int(48)), ("0o74", .int(60)), ("0O74", .int(60)), ("0x3C", .int(60)),
            ("0X3c", .int(60)),
            ("0b111100", .int(60)), ("-0b11", .int(-3)), ("+60", .int(60)), ("-60", .int(-60)), ("1_000", .int(1000)),
            ("0x_3C", .int(60)), ("060_0", .int(384)), ("0", .int(0)), ("-0", .int(0)),
            ("9223372036854775807", .int(Int64.max)), ("-9223372036854775808", .int(Int64.min)),
            ("9223372036854775808", .uint(9_223_372_036_854_775_808)),
            ("+9223372036854775808", .float(9.223372036854775808e18)),
            // Floats: go-yaml's decimal pattern (so `08` is the float 8).
            ("08", .float(8)), ("60.0", .float(60)), ("6e1", .float(60)), ("1.", .float(1)), (".5", .float(0.5)),
            ("+.5", .float(0.5)), ("1_000.5", .float(1000.5)), ("1.0e+2", .float(100)),
            // Strings.
            ("1e", .string("1e")), ("1:30", .string("1:30")), ("2024-01-02", .string("2024-01-02")),
            ("0x", .string("0x")),
            ("-", .string("-")), ("+", .string("+")), ("..5", .string("..5")), ("1e400", .string("1e400")),
            ("<<", .string("<<")), ("gs://bucket/model", .string("gs://bucket/model")), ("0x1p4", .string("0x1p4")),
        ] as [(String, YAMLScalar)])
    func plain(text: String, expected: YAMLScalar) {
        let got = YAMLScalarResolver.resolvePlain(text)
        #expect(got.sameJSONValue(as: expected), "\(text) resolved to \(got)")
    }

    @Test func nanIsAFloat() {
        guard case .float(let d) = YAMLScalarResolver.resolvePlain(".NaN") else {
            Issue.record("not a float")
            return
        }
        #expect(d.isNaN)
    }

    @Test func quotedAndBlockScalarsAreStrings() throws {
        for style in [YAMLNodeStyle.singleQuoted, .doubleQuoted, .literal, .folded] {
            #expect(try YAMLScalarResolver.resolve("060", style: style, tag: nil) == .string("060"))
            #expect(try YAMLScalarResolver.resolve("", style: style, tag: nil) == .string(""))
        }
    }

    @Test func tags() throws {
        let t = YAMLScalarResolver.tagPrefix
        #expect(try YAMLScalarResolver.resolve("60", style: .doubleQuoted, tag: t + "int") == .int(60))
        #expect(try YAMLScalarResolver.resolve("060", style: .plain, tag: t + "int") == .int(48))
        #expect(try YAMLScalarResolver.resolve("60", style: .plain, tag: t + "str") == .string("60"))
        #expect(try YAMLScalarResolver.resolve("1", style: .plain, tag: t + "float") == .float(1))
        #expect(try YAMLScalarResolver.resolve("yes", style: .singleQuoted, tag: t + "bool") == .bool(true))
        #expect(try YAMLScalarResolver.resolve("", style: .plain, tag: t + "null") == .null)
        #expect(try YAMLScalarResolver.resolve("aGk=", style: .plain, tag: t + "binary") == .string("hi"))
        #expect(
            try YAMLScalarResolver.resolve("2024-01-02", style: .plain, tag: t + "timestamp") == .string("2024-01-02"))
        #expect(try YAMLScalarResolver.resolve("60", style: .plain, tag: "!") == .string("60"))
        #expect(try YAMLScalarResolver.resolve("60", style: .plain, tag: "!custom") == .string("60"))
        for (text, tag) in [("60.0", "int"), ("x", "null"), ("1", "bool"), ("abc", "float"), ("x", "timestamp")] {
            #expect(throws: YAMLScalarError.self) { try YAMLScalarResolver.resolve(text, style: .plain, tag: t + tag) }
        }
        #expect(throws: YAMLScalarError.self) {
            try YAMLScalarResolver.resolve("!!!", style: .plain, tag: t + "binary")
        }
    }

    @Test func integerValuesAsJSONCarriesThem() {
        #expect(YAMLScalar.float(60).integerValue == 60)
        #expect(YAMLScalar.float(60.5).integerValue == nil)
        #expect(YAMLScalar.int(48).integerValue == 48)
        #expect(YAMLScalar.string("60").integerValue == nil)
        #expect(YAMLScalar.bool(true).integerValue == nil)
    }
}
