import TestSupport
import Testing
import YAMLValues

@testable import HelmValues

/// The port of Helm's `strvals` parser that `targetPath` uses.
@Suite("strvals: Helm --set parsing for targetPath")
struct StrvalsParserTests {
    func parse(_ line: String, into start: YAMLValue = .map(YAMLMap()), strings: Bool = false) throws -> YAMLValue {
        guard case .map(let map) = GoValue(start) else { throw TestFailure("not a map") }
        try StrvalsParser.parse(line, into: map, stringsOnly: strings)
        return GoValue.map(map).value
    }

    func yaml(_ text: String) throws -> YAMLValue { try #require(try YAMLValueReader.documents(text).first) }

    @Test("paths, indexes, lists and typing")
    func grammar() throws {
        #expect(try parse("a.b=1") == yaml("a: {b: 1}"))
        #expect(try parse("a.b=1", strings: true) == yaml("a: {b: \"1\"}"))
        #expect(try parse("a[1].c=x") == yaml("a: [null, {c: x}]"))
        #expect(try parse("a[0][1]=x") == yaml("a: [[null, x]]"))
        #expect(try parse("a={x,z,10}") == yaml("a: [x, z, 10]"))
        #expect(try parse("a=y") == yaml("a: \"y\""), "Helm's typing is not YAML's: y stays a string")
        #expect(try parse("a=true,b=null,c=0,d=007,e=-3") == yaml("{a: true, b: null, c: 0, d: \"007\", e: -3}"))
        #expect(try parse(#"a\.b.c=x\,y"#) == yaml("{a.b: {c: 'x,y'}}"))
        #expect(try parse("a=") == yaml("a: \"\""))
        // Running out of input inside an index ends the line quietly, as in Helm.
        #expect(try parse("a[0") == yaml("{}"))
    }

    @Test("writes into existing trees in place")
    func existing() throws {
        #expect(try parse("a.b=2", into: yaml("a: {b: 1, c: 3}")) == yaml("a: {b: 2, c: 3}"))
        #expect(try parse("l[1]=z", into: yaml("l: [x, y, w]")) == yaml("l: [x, z, w]"))
        #expect(try parse("l[4]=z", into: yaml("l: [x]")) == yaml("l: [x, null, null, null, z]"))
    }

    @Test(
        "errors",
        arguments: [
            ("a", "key \"a\" has no value"),
            ("a,b=1", "key \"a\" has no value (cannot end with ,)"),
            ("a=1,b", "key \"b\" has no value"),
            ("a[x]=1", "error parsing index"),
            ("a={x", "list must terminate with '}'"),
            ("s.t=1", "unable to parse key: interface conversion: interface {} is string, not map[string]interface {}"),
        ])
    func errors(line: String, message: String) throws {
        do {
            _ = try parse(line, into: yaml("s: text"))
            Issue.record("\(line) parsed")
        } catch let error as StrvalsParser.Failure {
            #expect(error.message.contains(message), "\(error.message)")
        }
    }
}
