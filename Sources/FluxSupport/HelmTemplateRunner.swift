import FoundationEssentials

/// Renders a chart the way helm-controller installs it, offline: `helm template <release> <chart>
/// --namespace <ns> -f <composed values> --include-crds`, without test hooks unless the
/// HelmRelease enables tests.
public struct HelmTemplateRunner: Sendable {
    /// The `helm` executable (Helm 3 or 4).
    public var helm: String

    /// Creates a runner.
    public init(helm: String) { self.helm = helm }

    /// The rendered manifests.
    /// - Throws: a message holding Helm's own error output.
    public func render(release: FluxHelmRelease, chartDirectory: String, values: YAMLMap) throws(FluxBuildError) -> [UInt8] {
        let step = "render chart \(release.chart) (helm template)"
        do {
            let scratch = try ExternalCommand.temporaryDirectory(prefix: "kc-helm")
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            // JSON is YAML; Helm reads it as it reads the values helm-controller passes.
            let valuesFile = scratch + "/values.json"
            try Data(YAMLValueWriter.json(.map(values)).utf8).write(to: URL(fileURLWithPath: valuesFile))
            var arguments = ["template", release.releaseName, chartDirectory, "--namespace", release.releaseNamespace,
                             "-f", valuesFile, "--include-crds"]
            if !release.testsEnabled { arguments.append("--skip-tests") }
            let result = try ExternalCommand(helm).run(arguments)
            guard result.status == 0 else {
                throw FluxBuildError(release: release.subject, step: step,
                                     message: "\(helm) exited with status \(result.status): \(result.stderrText)")
            }
            return result.stdout
        } catch let error as FluxBuildError {
            throw error
        } catch {
            throw FluxBuildError(release: release.subject, step: step, message: "cannot run \(helm): \(error)")
        }
    }
}
