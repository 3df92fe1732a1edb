import YAMLStream
import YAMLValues

/// Composes a HelmRelease's chart values exactly as helm-controller does
/// (fluxcd/pkg `chartutil.ChartValuesFromReferences`, used by helm-controller v1.6):
///
/// 1. start from an empty map;
/// 2. for each `valuesFrom` entry in order, look up the ConfigMap or Secret in the HelmRelease's
///    namespace (a missing object or key is skipped when `optional`, else an error) and
///    - without `targetPath`: read the key as YAML (a mapping) and `MergeMaps` it on top
///      (mappings merge recursively, anything else replaces);
///    - with `targetPath`: first merge `spec.values` on top, then set the value at the path with
///      Helm's `--set` parser (`--set-string` when the value is quoted, verbatim when `literal`);
/// 3. `MergeMaps` `spec.values` on top.
///
/// Because Go shares maps, a `targetPath` value written into a mapping that `spec.values` shares
/// survives step 3, so `targetPath` entries normally win over `spec.values`; the composition here
/// keeps that sharing (see `GoValue`).
public struct FluxValuesComposer: Sendable {
    /// The ConfigMaps and Secrets to read.
    public var sources: ValuesSourceStore

    /// Creates a composer over `sources`.
    public init(sources: ValuesSourceStore) { self.sources = sources }

    /// A failed reference, in helm-controller's words.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// helm-controller's message:
        /// `could not resolve ConfigMap chart values reference 'ns/name' with key 'k': reason`.
        public var message: String
        /// Whether the referenced object was missing (so the caller can say how to provide it).
        public var missingObject: Bool
        /// The message.
        public var description: String { message }
    }

    /// The composed values for a HelmRelease in `namespace`.
    public func compose(namespace: String, values: YAMLMap?, references: [ValuesReference]) throws(Failure) -> YAMLMap {
        var result = GoMap()
        let specValues = values.map { GoMap($0) }
        var seen: [String: ValuesSource?] = [:]

        for ref in references {
            func failure(_ reason: String, missing: Bool = false) -> Failure {
                var text = "could not resolve"
                if ref.optional { text += " optional" }
                if !ref.kind.isEmpty { text += " " + ref.kind }
                text += " chart values reference '\(namespace)/\(ref.name)' with key '\(ref.valuesKey)': \(reason)"
                return Failure(message: text, missingObject: missing)
            }
            guard ref.kind == "ConfigMap" || ref.kind == "Secret" else {
                throw failure("unsupported values reference kind")
            }
            let index = ref.kind + "/" + namespace + "/" + ref.name
            let resource: ValuesSource?
            if let cached = seen[index] {
                resource = cached
            } else {
                resource = sources.find(kind: ref.kind, namespace: namespace, name: ref.name)
                seen[index] = .some(resource)
            }
            guard let resource else {
                if ref.optional { continue }
                throw failure("resource not found", missing: true)
            }
            guard let data = resource.data[ref.valuesKey] else {
                if ref.optional { continue }
                throw failure("key not found")
            }
            if !ref.targetPath.isEmpty {
                result = GoMap.merge(result, specValues)
                do throws(StrvalsParser.Failure) {
                    if ref.literal {
                        try StrvalsParser.parse(
                            ref.targetPath + "=" + Self.escapeLiteral(data), into: result, stringsOnly: true)
                    } else {
                        try Self.replacePathValue(result, path: ref.targetPath, value: data)
                    }
                } catch {
                    throw failure("failed to merge value: \(error.message)")
                }
                continue
            }
            let read: YAMLMap
            do throws(YAMLValueError) {
                read = try Self.readValues(data)
            } catch {
                throw failure("failed to read values data: \(error.description)")
            }
            result = GoMap.merge(result, GoMap(read))
        }
        return GoMap.merge(result, specValues).value
    }

    /// fluxcd/pkg `ReplacePathValue`: a value in single or double quotes (first and last
    /// character) is stripped of every leading and trailing quote and set as a string.
    static func replacePathValue(_ values: GoMap, path: String, value: String) throws(StrvalsParser.Failure) {
        let single = value.hasPrefix("'") && value.hasSuffix("'")
        let double = value.hasPrefix("\"") && value.hasSuffix("\"")
        if single || double {
            var trimmed = Substring(value)
            while let c = trimmed.first, c == "'" || c == "\"" { trimmed = trimmed.dropFirst() }
            while let c = trimmed.last, c == "'" || c == "\"" { trimmed = trimmed.dropLast() }
            try StrvalsParser.parse(path + "=" + trimmed, into: values, stringsOnly: true)
        } else {
            try StrvalsParser.parse(path + "=" + value, into: values, stringsOnly: false)
        }
    }

    /// fluxcd/pkg `ReplacePathLiteralValue`'s escaping of `\ , [ ] { }`.
    static func escapeLiteral(_ value: String) -> String {
        var out = ""
        for c in value {
            if c == "\\" || c == "," || c == "[" || c == "]" || c == "{" || c == "}" { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// Helm `common.ReadValues`: the first document as a mapping; empty input is an empty mapping.
    static func readValues(_ text: String) throws(YAMLValueError) -> YAMLMap {
        let docs = try YAMLValueReader.documents(text)
        guard let first = docs.first else { return YAMLMap() }
        guard let map = first.map else {
            throw YAMLValueError(message: "the data is \(first.kindDescription), not a YAML mapping")
        }
        return map
    }
}
