import Foundation
import TestSupport
import Testing

/// Issue 10 §6: a values file or HelmRelease that starts with a UTF-8 byte order mark is edited
/// by every lifecycle command exactly as the same file without it, and keeps its mark.
@Suite("Lifecycle: files with a byte order mark")
struct ByteOrderMarkTests {
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    @Test(arguments: [
        (["step"], "values-file.bom.yaml"), (["set-weight", "--canary", "30"], "values-file.bom.yaml"),
        (["promote"], "values-file.bom.yaml"), (["rollback"], "values-file.bom.yaml"),
        // No primaryLoad and a key on the first line: primaryLoad goes between the mark and that key.
        (
            ["start", "--uri", "gs://kfserving-examples/models/sklearn/1.0/model-2", "--canary", "10"],
            "values-file-idle.bom.yaml"
        ),
        (["step"], "seed.yaml"), (["promote"], "seed.yaml"),
    ])
    func editedAsWithoutTheMark(_ arguments: [String], _ fixture: String) throws {
        var text = try FixtureFiles.bytes(fixture)
        if !text.starts(with: Self.bom) { text = Self.bom + text }
        try #require(text.starts(with: Self.bom))
        let dir = try TemporaryDirectory()
        let marked = try dir.write("marked.yaml", text)
        let plain = try dir.write("plain.yaml", Array(text.dropFirst(3)))
        for path in [marked, plain] {
            let result = try ProcessRunner.run(try ToolPaths.binary(), [arguments[0], path] + arguments.dropFirst())
            #expect(result.status == 0, "\(path): \(result.stderrText)")
        }
        let edited = try dir.bytes("marked.yaml")
        #expect(edited.starts(with: Self.bom), "the byte order mark was lost")
        #expect(Array(edited.dropFirst(3)) == (try dir.bytes("plain.yaml")))
        #expect(edited != text, "nothing was edited")
        #expect(!edited.dropFirst(3).starts(with: Self.bom))
    }

    @Test func statusReadsAMarkedFileAndStdin() throws {
        let text = try FixtureFiles.bytes("values-file-idle.bom.yaml")
        let dir = try TemporaryDirectory()
        let path = try dir.write("v.yaml", text)
        let file = try ProcessRunner.run(try ToolPaths.binary(), ["status", path, "--output", "json"])
        let stdin = try ProcessRunner.run(try ToolPaths.binary(), ["status", "-", "--output", "json"], stdin: text)
        for result in [file, stdin] {
            #expect(result.status == 0, "\(result.stderrText)")
            let json = try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any]
            #expect(json?["storageUri"] as? String == "gs://kfserving-examples/models/sklearn/1.0/model")
            #expect(json?["running"] as? Bool == false)
        }
    }
}
