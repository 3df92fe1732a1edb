import FoundationEssentials
import YAMLSource
import YAMLStream
import YAMLValues

/// The `openAPIV3Schema`s of CustomResourceDefinitions, by group, version and kind.
public struct CRDSchemaStore: Sendable {
    private var schemas: [String: YAMLValue] = [:]

    /// An empty store.
    public init() {}

    /// Adds every served CRD version of `objects` (the API server refuses the others).
    public mutating func add(crds objects: [YAMLValue]) {
        for object in objects where object["kind"]?.string == "CustomResourceDefinition" {
            guard let group = object.value(at: ["spec", "group"])?.string,
                let kind = object.value(at: ["spec", "names", "kind"])?.string
            else { continue }
            for version in object.value(at: ["spec", "versions"])?.list ?? [] {
                guard version["served"]?.bool != false, let name = version["name"]?.string,
                    let schema = version.value(at: ["schema", "openAPIV3Schema"])
                else { continue }
                schemas[Self.key(group, name, kind)] = schema
            }
        }
    }

    /// Loads every `*.yaml`/`*.yml` file under `directory` (recursively).
    /// - Throws: a message naming the file that cannot be read.
    public static func load(directory: String) throws(YAMLValueError) -> CRDSchemaStore {
        var store = CRDSchemaStore()
        guard let paths = try? FileManager.default.subpathsOfDirectory(atPath: directory) else {
            throw YAMLValueError(message: "cannot read CRD directory \(directory)")
        }
        let files = paths.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.map { directory + "/" + $0 }
        for file in files.sorted() {
            let buffer: SourceBuffer
            do { buffer = try SourceBuffer.read(path: file) } catch {
                throw YAMLValueError(message: "cannot read \(file): \(error)")
            }
            do throws(YAMLValueError) {
                store.add(crds: try YAMLValueReader.documents(buffer))
            } catch {
                throw YAMLValueError(message: "\(file): \(error.description)")
            }
        }
        return store
    }

    /// Number of (group, version, kind) schemas.
    public var count: Int { schemas.count }

    /// The schema of `apiVersion` (`group/version`) and `kind`, if known.
    public func schema(apiVersion: String, kind: String) -> YAMLValue? {
        let parts = apiVersion.split(separator: "/", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        return schemas[Self.key(String(parts[0]), String(parts[1]), kind)]
    }

    private static func key(_ group: String, _ version: String, _ kind: String) -> String {
        "\(group)/\(version)/\(kind)"
    }
}
