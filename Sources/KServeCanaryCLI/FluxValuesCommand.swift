import ArgumentParser
import FluxBuild
import HelmValues
import YAMLValues

/// `kserve-canary flux values`: the values helm-controller gives a HelmRelease's chart.
struct FluxValuesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "values",
        abstract:
            """
            Print the values Flux's helm-controller gives a HelmRelease's chart (valuesFrom, targetPath, \
            spec.values).
            """,
        discussion: """
            Composes the values exactly as helm-controller does: valuesFrom entries in order \
            (ConfigMaps and Secrets from --configmap/--secret files or FILE itself; a targetPath \
            entry is set with Helm's --set parser), spec.values on top, and targetPath values that \
            spec.values shares survive, as in Flux. Prints them as YAML.
            """
    )

    @Argument(
        help: ArgumentHelp(
            "File with the HelmRelease (and any ConfigMaps or Secrets it reads); - for stdin.", valueName: "FILE"))
    var file: String

    @Option(
        name: .long,
        help: ArgumentHelp("metadata.name of the HelmRelease (needed when FILE holds several).", valueName: "NAME"))
    var release: String?

    @OptionGroup var sources: FluxSourceOptions

    func run() throws {
        var store = try sources.store()
        let objects = try FluxSourceOptions.values(file)
        do { try store.add(objects: objects, defaultNamespace: sources.namespace) } catch {
            throw fail("\(file): \(error)")
        }
        var releases: [FluxHelmRelease] = []
        for object in objects where FluxHelmRelease.isHelmRelease(object) {
            do { releases.append(try FluxHelmRelease(object, defaultNamespace: sources.namespace)) } catch {
                throw fail(error.description)
            }
        }
        if let release { releases = releases.filter { $0.name == release } }
        guard releases.count == 1, let chosen = releases.first else {
            throw fail(
                releases.isEmpty
                    ? "no HelmRelease\(release.map { " named \($0)" } ?? "") in \(file)"
                    : "\(releases.count) HelmReleases in \(file); choose one with --release")
        }
        do {
            let values = try FluxValuesComposer(sources: store).compose(
                namespace: chosen.namespace, values: chosen.values, references: chosen.valuesFrom)
            try Output.out(YAMLValueWriter.document(.map(values)))
        } catch let error as FluxValuesComposer.Failure {
            throw fail("\(chosen.subject): \(error.message)")
        }
    }
}
