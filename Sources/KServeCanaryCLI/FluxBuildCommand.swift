import ArgumentParser
import CanaryRules
import FluxSupport
import YAMLStream

/// `kserve-canary flux build`: what Flux would apply for a HelmRelease file, without a cluster.
struct FluxBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Preview everything Flux would apply for a HelmRelease file, offline.",
        discussion: """
            For every HelmRelease in FILE: compose its values as helm-controller does (valuesFrom in \
            order with valuesKey, targetPath and optional, then spec.values), render its chart \
            DIR/<chart> with helm template, apply its spec.postRenderers with Kustomize (kubectl \
            kustomize) and helm-controller's labels, then do the same for every HelmRelease in that \
            output, recursively. Prints the whole tree as one YAML stream, each object preceded by a \
            comment naming the release that rendered it (and labelled helm.toolkit.fluxcd.io/name and \
            /namespace, as Flux labels it), after checking it: identities, no object rendered twice, \
            the kserve-canary rules hold in every output, and (with --crds) every custom resource \
            against its CRD. On any failure nothing is printed on stdout; the error names the release \
            and the step.
            """
    )

    @Argument(help: ArgumentHelp("HelmRelease file (other objects in it are printed too; its ConfigMaps and Secrets feed valuesFrom); - for stdin.", valueName: "FILE"))
    var file: String

    @Option(name: .long, help: ArgumentHelp("Directory holding the charts: chart NAME is DIR/NAME (a chart path such as ./charts/NAME also tries DIR/NAME).", valueName: "DIR"))
    var charts: String

    @Option(name: .customLong("configmap"), help: ArgumentHelp("YAML file with ConfigMaps for valuesFrom (repeatable).", valueName: "FILE"))
    var configMaps: [String] = []

    @Option(name: .customLong("secret"), help: ArgumentHelp("YAML file with Secrets for valuesFrom: data base64, or stringData (repeatable).", valueName: "FILE"))
    var secrets: [String] = []

    @Option(name: .long, help: ArgumentHelp("Helm 3 or 4 executable (default: $HELM, else helm on PATH).", valueName: "PATH"))
    var helm: String?

    @Option(name: .long, help: ArgumentHelp("kubectl (or kustomize) for postRenderers (default: $KUBECTL, else kubectl on PATH).", valueName: "PATH"))
    var kubectl: String?

    @Option(name: .long, help: ArgumentHelp("Namespace of objects in FILE that set none.", valueName: "NS"))
    var namespace: String = "default"

    @Option(name: .long, help: ArgumentHelp("Directory of CRD YAML files to validate custom resources against (default: $KSERVE_CANARY_CRDS).", valueName: "DIR"))
    var crds: String?

    @Flag(name: .customLong("with-post-renderer"), help: "Also run the kserve-canary post-renderer on each release's output before its postRenderers, as `helm --post-renderer kserve-canary` does (previews the rendered-manifests mode).")
    var withPostRenderer = false

    func run() throws {
        func fail(_ message: String) -> ExitCode {
            Output.error("kserve-canary: error: \(message)")
            return ExitCode(1)
        }
        guard let helmPath = ExternalCommand.locate(explicit: helm, variable: "HELM", name: "helm") else {
            throw fail("helm not found; pass --helm PATH or set HELM")
        }
        let kubectlPath = ExternalCommand.locate(explicit: kubectl, variable: "KUBECTL", name: "kubectl")

        var sources = ValuesSourceStore()
        for (files, kind) in [(configMaps, "ConfigMap"), (secrets, "Secret")] {
            for path in files {
                let objects = try read(path, fail: fail)
                for object in objects {
                    guard object["kind"]?.string == kind, object["apiVersion"]?.string == "v1" else {
                        let found = "\(object["apiVersion"]?.string ?? "(no apiVersion)") \(object["kind"]?.string ?? "(no kind)")"
                        throw fail("\(path): --\(kind.lowercased()) files hold v1 \(kind) objects only, found \(found)")
                    }
                }
                do { try sources.add(objects: objects, defaultNamespace: namespace) } catch {
                    throw fail("\(path): \(error)")
                }
            }
        }

        var validator = FluxTreeValidator(canaryRules: CanaryOptions())
        let crdDirectory = crds ?? ExternalCommand.environment("KSERVE_CANARY_CRDS")
        if let crdDirectory {
            do { validator.schemas = try CRDSchemaStore.load(directory: crdDirectory) } catch {
                throw fail("--crds \(crdDirectory): \(error)")
            }
        }

        let input = try read(file, fail: fail)
        let builder = FluxBuilder(
            chartsDirectory: charts, helm: HelmTemplateRunner(helm: helmPath),
            kustomize: kubectlPath.map(KustomizeRunner.init(executable:)), sources: sources,
            canaryPostRenderer: withPostRenderer ? CanaryOptions() : nil, validator: validator)
        let result: FluxBuildResult
        do {
            result = try builder.build(input, label: file == "-" ? "<stdin>" : file, defaultNamespace: namespace)
        } catch {
            throw fail(error.description)
        }
        Output.out(result.yaml)
        for note in result.notes { Output.error("kserve-canary: note: \(note)") }
    }

    private func read(_ path: String, fail: (String) -> ExitCode) throws -> [YAMLValue] {
        let source = try Loader.load(path)
        do {
            return try YAMLValueReader.documents(source.buffer)
        } catch {
            throw fail("\(source.label): \(error)")
        }
    }
}
