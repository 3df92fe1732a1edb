import ArgumentParser
import HelmValues
import YAMLStream
import YAMLValues

/// The ConfigMaps and Secrets given on the command line for `valuesFrom`.
struct FluxSourceOptions: ParsableArguments {
    @Option(
        name: .customLong("configmap"),
        help: ArgumentHelp("YAML file with ConfigMaps for valuesFrom (repeatable).", valueName: "FILE"))
    var configMaps: [String] = []

    @Option(
        name: .customLong("secret"),
        help: ArgumentHelp(
            "YAML file with Secrets for valuesFrom: data base64, or stringData (repeatable).", valueName: "FILE"))
    var secrets: [String] = []

    @Option(name: .long, help: ArgumentHelp("Namespace of objects that set none.", valueName: "NS"))
    var namespace: String = "default"

    /// The store, or `ExitCode(1)` after a message naming the file.
    func store() throws -> ValuesSourceStore {
        var sources = ValuesSourceStore()
        for (files, kind) in [(configMaps, "ConfigMap"), (secrets, "Secret")] {
            for path in files {
                let objects = try Self.values(path)
                for object in objects {
                    guard object["kind"]?.string == kind, object["apiVersion"]?.string == "v1" else {
                        let found =
                            """
                            \(object["apiVersion"]?.string ?? "(no apiVersion)") \
                            \(object["kind"]?.string ?? "(no kind)")
                            """
                        throw fail("\(path): --\(kind.lowercased()) files hold v1 \(kind) objects only, found \(found)")
                    }
                }
                do { try sources.add(objects: objects, defaultNamespace: namespace) } catch {
                    throw fail("\(path): \(error)")
                }
            }
        }
        return sources
    }

    /// The documents of `path` as values.
    static func values(_ path: String) throws -> [YAMLValue] {
        let source = try Input.load(path)
        do { return try YAMLValueReader.documents(source.buffer) } catch { throw fail("\(source.label): \(error)") }
    }
}

/// A one-line error and exit status 1.
func fail(_ message: String) -> ExitCode {
    Output.error("kserve-canary: error: \(message)")
    return ExitCode(1)
}
