import Testing
@testable import YAMLStream

@Suite("YAMLEditor flow rewriting")
struct YAMLEditorFlowTests {
    func flow(_ text: String, path: [String]) throws -> String {
        var doc: YAMLDocument?
        _ = YAMLStreamParser().parse(SourceBuffer(text)) { doc = $0 }
        let d = try #require(doc)
        let node = try #require(d.value(at: path, from: 0))
        return try YAMLEditor(d).flowText(node)
    }

    @Test func plainScalarsKeepTheirType() throws {
        let text = "m:\n  a: 1\n  b: yes\n  c: ~\n  d:\n  e: 0x1F\n  f: off\n  g: text, with comma\n  h: 'quoted'\n"
        #expect(try flow(text, path: ["m"]) == "{a: 1, b: yes, c: ~, d: null, e: 0x1F, f: off, g: \"text, with comma\", h: 'quoted'}")
    }

    @Test func blockScalarsAndCollectionsBecomeFlow() throws {
        let text = "m:\n  s: |\n    two\n    lines\n  l:\n  - x\n  - [y, z]\n  t: !!str 12\n  r: &r {k: v}\n  q: *r\n"
        let got = try flow(text, path: ["m"])
        #expect(got == "{s: \"two\\nlines\\n\", l: [x, [y, z]], t: !!str 12, r: &r {k: v}, q: *r}", "\(got)")
    }
}
