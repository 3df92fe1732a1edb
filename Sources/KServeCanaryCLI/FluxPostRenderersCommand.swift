import ArgumentParser
import FluxBuild

/// `kserve-canary flux postrenderers`: the canary rules as Flux `postRenderers` Kustomize patches.
struct FluxPostRenderersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postrenderers",
        abstract: "Print Flux postRenderers (Kustomize JSON patches) that apply the canary rules.",
        discussion: """
            Prints `postRenderers: [...]` to paste under spec: of the parent HelmRelease whose chart is \
            kserve-general. The patches target the child HelmReleases NAME-canary (newStorageUri moved to \
            storageUri, --model_name=NAME appended to args) and NAME-primary (newStorageUri removed, \
            --model_name=NAME appended). They read no values, so they stay right when values change. \
            The chart must render inferenceservice.predictor.model.args as a list in both releases; a \
            --model_name already in args is kept (ours comes last). See docs/flux.md.
            """
    )

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The kserve-general release (canary group) name: HelmReleases NAME-primary and NAME-canary.",
            valueName: "NAME"))
    var release: String

    @Option(
        name: .long, help: ArgumentHelp("Namespace of the two HelmReleases (default: any namespace).", valueName: "NS"))
    var namespace: String?

    func validate() throws {
        if let problem = CanaryPatchGenerator(release: release, namespace: namespace).problem {
            throw ValidationError(problem)
        }
    }

    func run() throws {
        try Output.out(CanaryPatchGenerator(release: release, namespace: namespace).yaml)
    }
}
