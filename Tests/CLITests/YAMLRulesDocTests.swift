import Foundation
import TestSupport
import Testing

/// docs/yaml-rules.md points at the code and tests that hold each rule: they must exist.
@Suite("docs/yaml-rules.md")
struct YAMLRulesDocTests {
    @Test func everyRepositoryPathItNamesExists() throws {
        let root = ToolPaths.repositoryRoot
        let text = try String(contentsOfFile: root + "/docs/yaml-rules.md", encoding: .utf8)
        let regex = try NSRegularExpression(pattern: "`((?:Sources|Tests)/[A-Za-z0-9_+./-]+)`")
        let paths = regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range(at: 1), in: text)!])
        }
        #expect(paths.count >= 8)
        for path in paths {
            #expect(FileManager.default.fileExists(atPath: root + "/" + path), "docs/yaml-rules.md names \(path)")
        }
        let readme = try String(contentsOfFile: root + "/README.md", encoding: .utf8)
        #expect(readme.contains("(docs/yaml-rules.md)"))
    }
}
