import Foundation
import TestSupport
import Testing

/// A bare clone finds its upstream CRDs: `scripts/fetch-crds.sh` downloads the files named in
/// crds/manifest.tsv (here from a mirror on loopback, `KSERVE_CANARY_CRDS_URL`), keeps them only
/// when their SHA-256 matches, and says what to do when it cannot.
@Suite("Upstream CRDs for a bare clone")
struct CRDFetchTests {
    struct Entry {
        var path: String
        var sha256: String
        var url: String
    }

    static func manifest() throws -> [Entry] {
        try String(contentsOfFile: Repo.path("crds/manifest.tsv"), encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") && !$0.isEmpty }
            .map { line in
                let columns = line.split(separator: "\t").map(String.init)
                guard columns.count == 4 else {
                    throw TestFailure("crds/manifest.tsv: 4 tab-separated columns expected: \(line)")
                }
                return Entry(path: columns[0], sha256: columns[1], url: columns[2])
            }
    }

    /// A copy of what fetch-crds.sh needs, where a bare clone would have it (no ../shared/crds).
    static func bareClone(in scratch: Scratch) throws -> String {
        let clone = scratch.dir + "/clone"
        for file in ["scripts/fetch-crds.sh", "scripts/download-lib.sh", "crds/manifest.tsv"] {
            let target = try scratch.path("clone/" + file)
            try FileManager.default.copyItem(atPath: Repo.path(file), toPath: target)
        }
        return clone
    }

    /// The manifest names exactly the CRD files the tests read, with their checksums, at
    /// upstream release tags.
    @Test func manifestMatchesTheCRDsInUse() throws {
        let crds = try ToolPaths.crds()
        let entries = try Self.manifest()
        for entry in entries {
            let sum = try ProcessRunner.run("/usr/bin/env", ["sha256sum", crds + "/" + entry.path])
            #expect(sum.stdoutText.split(separator: " ").first.map(String.init) == entry.sha256, "\(entry.path)")
            #expect(entry.url.hasPrefix("https://raw.githubusercontent.com/"), "\(entry.url)")
            #expect(
                entry.url.range(of: #"/v[0-9]+\.[0-9]+\.[0-9]+/"#, options: .regularExpression) != nil,
                "not at a tag: \(entry.url)")
        }
        let onDisk = try ProcessRunner.shell("cd '\(crds)' && find kserve istio flux -type f -name '*.yaml' | sort")
            .stdoutText
            .split(separator: "\n").map(String.init)
        #expect(Set(onDisk) == Set(entries.map(\.path).filter { $0.hasSuffix(".yaml") }))
        for needed in [
            "kserve/serving.kserve.io_inferenceservices.yaml", "istio/customresourcedefinitions.gen.yaml",
            "flux/helm.toolkit.fluxcd.io_helmreleases.yaml", "flux/source.toolkit.fluxcd.io_ocirepositories.yaml",
        ] {
            #expect(entries.contains { $0.path == needed }, "\(needed)")
        }
    }

    @Test func downloadsVerifiesAndReusesFromAMirror() throws {
        let scratch = try Scratch("crd-fetch")
        defer { scratch.close() }
        let clone = try Self.bareClone(in: scratch)
        let mirror = scratch.dir + "/mirror"
        try scratch.sh("mkdir -p mirror && cp -R '\(try ToolPaths.crds())'/. mirror/")
        let server = try LoopbackServer.http(serving: mirror)
        defer { server.stop() }
        let env = ["KSERVE_CANARY_CRDS": "", "KSERVE_CANARY_CRDS_URL": server.url]

        let first = try ProcessRunner.run(clone + "/scripts/fetch-crds.sh", [], environment: env)
        #expect(first.status == 0, "\(first.stderrText)")
        let dir = clone + "/.tools/crds"
        #expect(first.stdoutText == dir + "\n")
        let entries = try Self.manifest()
        #expect(first.stderrText.contains("\(entries.count) downloaded, 0 already there"), "\(first.stderrText)")
        let same = try ProcessRunner.run(
            "/usr/bin/env", ["diff", "-r", "-q", try ToolPaths.crds() + "/kserve", dir + "/kserve"])
        #expect(same.status == 0, "\(same.stdoutText)")

        // The downloaded directory is one the validator can use: it knows the HelmRelease schema.
        let typo =
            "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: x}\n"
            + "spec: {intervall: 1m}\n"
        let found = try ManifestValidation.crdProblems(Array(typo.utf8), crds: dir).map(\.line)
        #expect(found.contains("<stdin>: document 1 (HelmRelease/x): $.spec.intervall: unknown field"), "\(found)")

        let second = try ProcessRunner.run(clone + "/scripts/fetch-crds.sh", [], environment: env)
        #expect(second.status == 0)
        #expect(second.stderrText.contains("0 downloaded, \(entries.count) already there"), "\(second.stderrText)")

        // A corrupted file on the mirror is refused and not kept; the others stay.
        let victim = "istio/customresourcedefinitions.gen.yaml"
        try scratch.sh("printf '# tampered\\n' >> 'mirror/\(victim)' && rm 'clone/.tools/crds/\(victim)'")
        let corrupted = try ProcessRunner.run(clone + "/scripts/fetch-crds.sh", [], environment: env)
        #expect(corrupted.status == 1)
        #expect(corrupted.stdout.isEmpty)
        #expect(corrupted.stderrText.contains("checksum mismatch for \(victim)"), "\(corrupted.stderrText)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/" + victim))
        #expect(FileManager.default.fileExists(atPath: dir + "/kserve/serving.kserve.io_inferenceservices.yaml"))
        let leftovers = try ProcessRunner.shell("find '\(dir)' -name '*.part.*'").stdoutText
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func offlineSaysWhatToDo() throws {
        let scratch = try Scratch("crd-offline")
        defer { scratch.close() }
        let clone = try Self.bareClone(in: scratch)
        let closed = "http://127.0.0.1:\(try LoopbackServer.freePort())"
        let result = try ProcessRunner.run(
            clone + "/scripts/fetch-crds.sh", [],
            environment: ["KSERVE_CANARY_CRDS": "", "KSERVE_CANARY_CRDS_URL": closed])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText.contains("could not download \(closed)/"), "\(result.stderrText)")
        #expect(result.stderrText.contains("KSERVE_CANARY_CRDS=/path/to/crds"))
        #expect(result.stderrText.contains("KSERVE_CANARY_CRDS_URL="))
    }

    @Test func anExistingDirectoryWins() throws {
        let scratch = try Scratch("crd-given")
        defer { scratch.close() }
        let clone = try Self.bareClone(in: scratch)
        let given = try ProcessRunner.run(
            clone + "/scripts/fetch-crds.sh", [], environment: ["KSERVE_CANARY_CRDS": try ToolPaths.crds()])
        #expect(given.status == 0, "\(given.stderrText)")
        #expect(given.stdoutText.trimmed == URL(fileURLWithPath: try ToolPaths.crds()).standardizedFileURL.path)
        #expect(!FileManager.default.fileExists(atPath: clone + "/.tools"))
        let wrong = try ProcessRunner.run(
            clone + "/scripts/fetch-crds.sh", [], environment: ["KSERVE_CANARY_CRDS": scratch.dir])
        #expect(wrong.status == 1)
        #expect(wrong.stderrText.contains("does not hold kserve/, istio/ and flux/"))
    }
}
