import FoundationEssentials
import YAMLValues

/// Applies one Flux Kustomize post-renderer as helm-controller does: a Kustomization whose only
/// resource is the rendered chart (`helm-output.yaml`), with the post-renderer's `patches` and
/// `images`, built by `kubectl kustomize` (or `kustomize build`).
public struct KustomizeRunner: Sendable {
    /// `kubectl` (or a `kustomize` binary): a path, or a name on `PATH`.
    public var executable: String

    /// Creates a runner.
    public init(executable: String) { self.executable = executable }

    /// The post-rendered manifests.
    /// - Throws: a message holding Kustomize's error output.
    public func run(
        _ manifests: [UInt8], with renderer: KustomizePostRenderer, release: String,
        step: String
    ) async throws(FluxBuildError) -> [UInt8] {
        let dir: String
        do {
            dir = try ExternalProgram.temporaryDirectory(prefix: "kc-kustomize")
            try Data(manifests).write(to: URL(fileURLWithPath: dir + "/helm-output.yaml"))
            let kustomization = YAMLValueWriter.document(renderer.kustomization(resource: "helm-output.yaml"))
            try Data(kustomization.utf8).write(to: URL(fileURLWithPath: dir + "/kustomization.yaml"))
        } catch {
            throw FluxBuildError(release: release, step: step, message: "cannot prepare the Kustomization: \(error)")
        }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let isKustomize = URL(fileURLWithPath: executable).lastPathComponent.hasPrefix("kustomize")
        let result: ExternalProgram.Result
        do {
            result = try await ExternalProgram(executable).run(isKustomize ? ["build", dir] : ["kustomize", dir])
        } catch {
            throw FluxBuildError(release: release, step: step, message: error.description)
        }
        guard result.status == 0 else {
            throw FluxBuildError(
                release: release, step: step,
                message: "Kustomize failed (\(executable) exited with status \(result.status)): \(result.stderrText)")
        }
        return result.stdout
    }
}
