import Foundation
import TestSupport

/// Several streams read by one kubectl call: each stream is preceded by a marker ConfigMap, and
/// kubectl's objects are split at the markers again.
enum KubectlBatch {
    static let marker = "kserve-canary-test-stream-"

    /// kubectl's reading of each stream, in order (List items flattened, as kubectl does).
    static func read(_ streams: [[UInt8]]) throws -> [[[String: Any]]] {
        var joined: [UInt8] = []
        for (i, stream) in streams.enumerated() {
            if !joined.isEmpty && joined.last != 0x0A { joined.append(0x0A) }
            joined += Array("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \(marker)\(i)\n---\n".utf8)
            joined += stream
        }
        var result: [[[String: Any]]] = []
        for object in try KubectlReader.read(joined) {
            let name = (object["metadata"] as? [String: Any])?["name"] as? String ?? ""
            if object["kind"] as? String == "ConfigMap", name.hasPrefix(marker) {
                result.append([])
            } else if !result.isEmpty {
                result[result.count - 1].append(object)
            }
        }
        guard result.count == streams.count else {
            throw TestFailure("kubectl read \(result.count) of \(streams.count) streams")
        }
        return result
    }

    /// `namespace/name` (an empty namespace when the object names none).
    static func key(_ object: [String: Any]) -> String {
        let metadata = object["metadata"] as? [String: Any]
        return "\(metadata?["namespace"] as? String ?? "")/\(metadata?["name"] as? String ?? "")"
    }

    /// `object` with the value at `path` (string keys, integer indexes) set, or removed when nil.
    static func setting(_ object: [String: Any], _ path: [Any], _ value: Any?) -> [String: Any] {
        set(object, path[...], value) as? [String: Any] ?? object
    }

    private static func set(_ node: Any, _ path: ArraySlice<Any>, _ value: Any?) -> Any? {
        guard let first = path.first else { return value }
        if let key = first as? String, var map = node as? [String: Any] {
            map[key] = set(map[key] ?? [String: Any](), path.dropFirst(), value)
            return map
        }
        if let index = first as? Int, var list = node as? [Any], list.indices.contains(index) {
            list[index] = set(list[index], path.dropFirst(), value) ?? NSNull()
            return list
        }
        return node
    }
}
