import ArgumentParser
import CanaryGroups
import CanaryRules
import FluxBuild
import SchemaValidation
import YAMLStream

/// `kserve-canary flux build`: what Flux would apply for a HelmRelease file, without a cluster.
struct FluxBuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Preview everything Flux would apply for a HelmRelease file, offline.",
        discussion: """
            For every HelmRelease in FILE: compose its values as helm-controller does (valuesFrom in \
            order with valuesKey, targetPath and optional, then spec.values), render its chart \
            DIR/<chart> with helm template, apply its spec.postRenderers with Kustomize (kubectl \
            kustomize) and helm-controller's labels, then do the same for every HelmRelease in that \
            output, recursively (at most 200 releases; charts only from inside DIR). Prints the whole \
            tree as one YAML stream, each object preceded by a comment naming the release that \
            rendered it (and labelled helm.toolkit.fluxcd.io/name and /namespace, as Flux labels it), \
            after checking it: identities, no object rendered twice, the kserve-canary rules hold in \
            every output, and (with --crds) every custom resource against its CRD. On any failure \
            nothing is printed on stdout; the error names the release and the step.
            """
    )

    @Argument(
        help: ArgumentHelp(
            """
            HelmRelease file (other objects in it are printed too; its ConfigMaps and Secrets feed valuesFrom); \
            - for stdin.
            """,
            valueName: "FILE"))
    var file: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            """
            Directory holding the charts: chart NAME is DIR/NAME (a chart path such as ./charts/NAME also tries \
            DIR/NAME).
            """,
            valueName: "DIR"))
    var charts: String

    @OptionGroup var sources: FluxSourceOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Helm 3 or 4 executable, a path or a name on PATH (default: $HELM, else helm).", valueName: "PATH"))
    var helm: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "kubectl (or kustomize) for postRenderers, a path or a name on PATH (default: $KUBECTL, else kubectl).",
            valueName: "PATH"))
    var kubectl: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Directory of CRD YAML files to validate custom resources against (default: $KSERVE_CANARY_CRDS).",
            valueName: "DIR"))
    var crds: String?

    @Flag(
        name: .customLong("with-post-renderer"),
        help:
            """
            Also run the kserve-canary post-renderer on each release's output before its postRenderers, \
            as `helm --post-renderer kserve-canary` does (previews the rendered-manifests mode).
            """
    )
    var withPostRenderer = false

    func validate() throws {
        guard !charts.isEmpty else {
            throw ValidationError("--charts is empty; give the directory that holds the charts")
        }
    }

    func run() async throws {
        let store = try sources.store()
        var validator = FluxTreeValidator(canaryRules: CanaryOptions())
        if let crdDirectory = crds ?? ExternalProgram.environment("KSERVE_CANARY_CRDS") {
            do { validator.schemas = try CRDSchemaStore.load(directory: crdDirectory) } catch {
                throw fail("--crds \(crdDirectory): \(error)")
            }
        }
        let input = try Input.load(file)
        let builder = FluxBuilder(
            chartsDirectory: charts,
            helm: HelmTemplateRunner(helm: ExternalProgram.locate(explicit: helm, variable: "HELM", name: "helm")),
            kustomize: KustomizeRunner(
                executable: ExternalProgram.locate(explicit: kubectl, variable: "KUBECTL", name: "kubectl")),
            sources: store, canaryPostRenderer: withPostRenderer ? CanaryOptions() : nil, validator: validator)
        let result: FluxBuildResult
        do {
            result = try await builder.build(input.buffer, label: input.label, defaultNamespace: sources.namespace)
        } catch {
            throw fail(error.description)
        }
        try Output.out(result.yaml)
        for note in result.notes { Output.error("kserve-canary: note: \(note)") }
    }
}
