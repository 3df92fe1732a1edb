import Foundation
import TestSupport
import Testing

/// The artifacts `scripts/release.sh` built for this run (`scripts/test.sh` builds them once into
/// `$KSERVE_CANARY_RELEASE_DIR`, default `.build-release-out`).
enum ReleaseArtifacts {
    /// The release directory; throws (never skips) when it was not built.
    static func directory() throws -> String {
        let env = ProcessInfo.processInfo.environment["KSERVE_CANARY_RELEASE_DIR"].flatMap { $0.isEmpty ? nil : $0 }
        let dir = env ?? Repo.path(".build-release-out")
        guard FileManager.default.fileExists(atPath: dir + "/SHA256SUMS") else {
            throw TestFailure(
                "no release at \(dir): run scripts/release.sh --out \(dir) (scripts/test.sh does) "
                    + "or set KSERVE_CANARY_RELEASE_DIR"
            )
        }
        return dir
    }

    /// The version, as scripts/plugin-version.sh reads it from the source.
    static func version() throws -> String {
        let result = try ProcessRunner.run(Repo.path("scripts/plugin-version.sh"))
        guard result.status == 0 else { throw TestFailure("plugin-version.sh: \(result.stderrText)") }
        return result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `kserve-canary-<version>-<os>-<arch>.tar.gz` for this machine.
    static func archiveName() throws -> String {
        let os = try ProcessRunner.shell("uname -s | tr '[:upper:]' '[:lower:]'").stdoutText
        let arch = try ProcessRunner.run("/usr/bin/env", ["uname", "-m"]).stdoutText
        return "kserve-canary-\(try version())-\(os.trimmed)-\(arch.trimmed).tar.gz"
    }

    /// A chart's version from its Chart.yaml.
    static func chartVersion(_ chart: String) throws -> String {
        let text = try String(contentsOfFile: Repo.path("charts/\(chart)/Chart.yaml"), encoding: .utf8)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("version:") }) else {
            throw TestFailure("no version in charts/\(chart)/Chart.yaml")
        }
        return line.dropFirst("version:".count).trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
    }

    /// `<chart>-<chart version>.tgz` in the release directory.
    static func chartPackage(_ chart: String) throws -> String {
        try directory() + "/\(chart)-\(try chartVersion(chart)).tgz"
    }

    /// The repository that publishes releases, from scripts/release.env.
    static func repository() throws -> String {
        let result = try ProcessRunner.shell(
            ". scripts/release.env && printf %s \"$KSERVE_CANARY_REPOSITORY\"", directory: Repo.root)
        guard result.status == 0, !result.stdoutText.isEmpty else {
            throw TestFailure("scripts/release.env: \(result.stderrText)")
        }
        return result.stdoutText
    }
}

extension String {
    /// Without leading and trailing white space.
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// A temporary directory, removed by `close()`.
final class Scratch {
    let dir: String

    init(_ label: String) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("kc-\(label)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    /// `dir/relative`, with its parent created.
    func path(_ relative: String) throws -> String {
        let path = dir + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        return path
    }

    /// Runs a shell command in `dir` and throws unless it exits 0.
    @discardableResult
    func sh(_ command: String, environment: [String: String] = [:]) throws -> ProcessResult {
        let result = try ProcessRunner.shell(command, environment: environment, directory: dir)
        guard result.status == 0 else { throw TestFailure("\(command) exited \(result.status):\n\(result.stderrText)") }
        return result
    }

    func close() { try? FileManager.default.removeItem(atPath: dir) }
}

/// A git repository holding this checkout's files (tracked and new, as they are on disk), like a
/// bare clone of the repository would: `snapshot` (a working copy), `served/kserve-canary.git` (a
/// bare repository prepared for git's dumb HTTP protocol, so `python3 -m http.server` can serve it).
enum RepositorySnapshot {
    static let git = [
        "GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
    ]

    /// Creates `<scratch>/snapshot` and `<scratch>/served/kserve-canary.git`; returns the bare path.
    @discardableResult
    static func make(in scratch: Scratch) throws -> String {
        let list = try ProcessRunner.run(
            "/usr/bin/env", ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            directory: Repo.root)
        guard list.status == 0 else { throw TestFailure("git ls-files: \(list.stderrText)") }
        let files = list.stdoutText.split(separator: "\0").map(String.init)
            .filter { (try? FileManager.default.attributesOfItem(atPath: Repo.path($0))) != nil }
        try files.joined(separator: "\0").write(toFile: scratch.dir + "/files", atomically: true, encoding: .utf8)
        try scratch.sh(
            "mkdir snapshot && tar -C '\(Repo.root)' --null -T files -cf - | tar -C snapshot -xf - "
                + "&& cd snapshot && git init -q -b main && git add -A && git commit -q -m snapshot "
                + "&& cd .. && mkdir served && git clone -q --bare snapshot served/kserve-canary.git "
                + "&& git -C served/kserve-canary.git update-server-info", environment: git)
        return scratch.dir + "/served/kserve-canary.git"
    }
}

/// Throwaway `HELM_DATA_HOME`, `HELM_CONFIG_HOME` and `HELM_CACHE_HOME` for one Helm major on a
/// `PATH` without `swift` (only `helm`, /usr/bin and /bin), as on a user's machine without a toolchain.
final class BareHelmHome {
    let helm: HelmMajor
    let helmPath: String
    let dir: String
    let pathDir: String

    init(_ helm: HelmMajor) throws {
        self.helm = helm
        helmPath = try helm.path()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("kc-bare-\(UUID().uuidString)").path
        pathDir = dir + "/path"
        for sub in ["data", "config", "cache", "path", "work"] {
            try FileManager.default.createDirectory(atPath: dir + "/" + sub, withIntermediateDirectories: true)
        }
        try FileManager.default.createSymbolicLink(atPath: pathDir + "/helm", withDestinationPath: helmPath)
    }

    /// The environment: fresh homes, no swift, no install-hook switches but `extra`.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        [
            "HELM_DATA_HOME": dir + "/data",
            "HELM_CONFIG_HOME": dir + "/config",
            "HELM_CACHE_HOME": dir + "/cache",
            "HELM_PLUGINS": dir + "/data/plugins",
            "HELM_KSERVE_CANARY_PLAIN_ERRORS": "",
            "HELM_KSERVE_CANARY_SKIP_BUILD": "",
            "KSERVE_CANARY_BINARY": "",
            "KSERVE_CANARY_BUILD": "",
            "KSERVE_CANARY_RELEASE_URL": "",
            "PATH": pathDir + ":" + Self.systemPath,
        ].merging(extra) { $1 }
    }

    /// `/usr/bin:/bin`, or where a toolchain installed `swift` there (a Swift container image), a
    /// directory of links to everything in them but `swift*`.
    static let systemPath: String = {
        let dirs = ["/usr/bin", "/bin"]
        guard dirs.contains(where: { FileManager.default.fileExists(atPath: $0 + "/swift") }) else {
            return dirs.joined(separator: ":")
        }
        let bare = FileManager.default.temporaryDirectory.appendingPathComponent("kc-bare-path-\(UUID().uuidString)")
            .path
        try? FileManager.default.createDirectory(atPath: bare, withIntermediateDirectories: true)
        for dir in dirs {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where !name.hasPrefix("swift")
            {
                try? FileManager.default.createSymbolicLink(
                    atPath: bare + "/" + name, withDestinationPath: dir + "/" + name)
            }
        }
        return bare
    }()

    func run(_ arguments: [String], stdin: [UInt8] = [], environment extra: [String: String] = [:]) throws
        -> ProcessResult
    {
        try ProcessRunner.run(
            helmPath, arguments, stdin: stdin, environment: environment(extra), directory: dir + "/work")
    }

    @discardableResult
    func succeed(_ arguments: [String], stdin: [UInt8] = [], environment extra: [String: String] = [:]) throws
        -> ProcessResult
    {
        let result = try run(arguments, stdin: stdin, environment: extra)
        guard result.status == 0 else {
            throw TestFailure(
                "\(helm.rawValue) \(arguments.joined(separator: " ")) exited \(result.status):\n\(result.stderrText)")
        }
        return result
    }

    /// Every `bin/kserve-canary` under the plugins directory (following Helm 3's symlinks).
    func installedBinaries() throws -> [String] {
        try ProcessRunner.shell("find -L '\(dir)/data/plugins' -path '*/bin/kserve-canary' 2>/dev/null || true")
            .stdoutText
            .split(separator: "\n").map(String.init)
    }

    func close() { try? FileManager.default.removeItem(atPath: dir) }
}
