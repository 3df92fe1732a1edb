import ArgumentParser
import CanaryLifecycle

/// The file a lifecycle command edits and where its values are.
struct LifecycleTargetOptions: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "The parent HelmRelease of kserve-general (or a values file), edited in place.", valueName: "FILE"))
    var file: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            """
            Use the Flux HelmRelease with this metadata.name (default: the one whose chart is kserve-general, \
            or the only one).
            """,
            valueName: "NAME"))
    var release: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            """
            Dotted keys from the document root to the values mapping, . for the root (default: \
            spec.values of the HelmRelease, or the root of a values file).
            """,
            valueName: "KEYS"))
    var path: String?

    func validate() throws {
        guard !file.isEmpty else { throw ValidationError("FILE is empty; give the HelmRelease or values file") }
        if let path {
            do { _ = try ValuesSelector.parsePath(path) } catch { throw ValidationError(error.message) }
        }
    }

    var selector: ValuesSelector {
        ValuesSelector(release: release, path: path.flatMap { try? ValuesSelector.parsePath($0) })
    }
}
