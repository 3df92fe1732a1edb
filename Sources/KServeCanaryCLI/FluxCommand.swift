import ArgumentParser

/// `kserve-canary flux`: the canary rules for Flux HelmReleases, which cannot run a post-renderer binary.
struct FluxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flux",
        abstract: "Flux helpers: postRenderers patches, composed values, and an offline preview of what Flux applies.",
        discussion: """
            Flux's helm-controller cannot run a post-renderer binary; its HelmRelease spec.postRenderers \
            only applies Kustomize patches and images. `flux postrenderers` prints patches that do the \
            kserve-canary transformation; `flux values` prints the values helm-controller gives a \
            release's chart; `flux build` shows, without a cluster, everything Flux would apply for a \
            HelmRelease file. See docs/flux.md.
            """,
        subcommands: [FluxPostRenderersCommand.self, FluxValuesCommand.self, FluxBuildCommand.self]
    )
}
