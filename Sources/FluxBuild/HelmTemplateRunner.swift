import FoundationEssentials
import YAMLValues

/// Renders a chart the way helm-controller installs it, offline: `helm template <release> <chart>
/// --namespace <ns> -f <composed values> --include-crds`, without test hooks unless the
/// HelmRelease enables tests.
public struct HelmTemplateRunner: Sendable {
    /// The `helm` executable (Helm 3 or 4): a path, or a name on `PATH`.
    public var helm: String

    /// Creates a runner.
    public init(helm: String) { self.helm = helm }

    /// The rendered manifests.
    /// - Throws: a message holding Helm's own error output.
    public func render(release: FluxHelmRelease, chartDirectory: String, values: YAMLMap) async throws(FluxBuildError)
        -> [UInt8]
    {
        let step = "render chart \(release.chart) (helm template)"
        let scratch: String
        do { scratch = try ExternalProgram.temporaryDirectory(prefix: "kc-helm") } catch {
            throw FluxBuildError(
                release: release.subject, step: step, message: "cannot create a temporary directory: \(error)")
        }
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        // JSON is YAML; Helm reads it as it reads the values helm-controller passes.
        let valuesFile = scratch + "/values.json"
        do { try Data(YAMLValueWriter.json(.map(values)).utf8).write(to: URL(fileURLWithPath: valuesFile)) } catch {
            throw FluxBuildError(release: release.subject, step: step, message: "cannot write \(valuesFile): \(error)")
        }
        var arguments = [
            "template", release.releaseName, chartDirectory, "--namespace", release.releaseNamespace,
            "-f", valuesFile, "--include-crds",
        ]
        if !release.testsEnabled { arguments.append("--skip-tests") }
        let result: ExternalProgram.Result
        do { result = try await ExternalProgram(helm).run(arguments) } catch {
            throw FluxBuildError(release: release.subject, step: step, message: error.description)
        }
        guard result.status == 0 else {
            throw FluxBuildError(
                release: release.subject, step: step,
                message: "\(helm) exited with status \(result.status): \(result.stderrText)")
        }
        return result.stdout
    }
}
