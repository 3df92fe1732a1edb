import Foundation

/// kubectl as the oracle of how the cluster reads YAML: `kubectl label --local -f - k=v -o json`
/// reads a stream exactly as kubectl apply does, offline, and prints each object as JSON.
public enum KubectlReader {
    /// The label every object gets (remove it before comparing).
    public static let label = "kserve-canary.io/oracle"

    /// kubectl's reading of `stream`: one JSON object per Kubernetes object, in order; list
    /// documents are flattened, as kubectl flattens them. Throws with kubectl's error when it
    /// refuses the stream.
    public static func read(_ stream: [UInt8]) throws -> [[String: Any]] {
        let result = try ProcessRunner.run(
            try ToolPaths.kubectl(), ["label", "--local", "-f", "-", label + "=1", "-o", "json"], stdin: stream)
        guard result.status == 0 else { throw KubectlRefused(message: result.stderrText) }
        return try split(result.stdout).map { object in
            var object = object
            if var metadata = object["metadata"] as? [String: Any], var labels = metadata["labels"] as? [String: Any] {
                labels.removeValue(forKey: label)
                metadata["labels"] = labels.isEmpty ? nil : labels
                object["metadata"] = metadata
            }
            return object
        }
    }

    /// kubectl refused the stream.
    public struct KubectlRefused: Error, CustomStringConvertible {
        /// kubectl's standard error.
        public var message: String
        /// The message.
        public var description: String { message }
    }

    /// kubectl prints one indented JSON object after another; each ends with a `}` line.
    static func split(_ output: [UInt8]) throws -> [[String: Any]] {
        var objects: [[String: Any]] = []
        var current: [UInt8] = []
        for line in output.split(separator: 0x0A, omittingEmptySubsequences: false) {
            current += escapingByteOrderMarks(line) + [0x0A]
            if line.first == UInt8(ascii: "}") {
                guard let object = try JSONSerialization.jsonObject(with: Data(current)) as? [String: Any] else {
                    throw KubectlRefused(message: "kubectl printed something other than a JSON object")
                }
                objects.append(object)
                current = []
            }
        }
        return objects
    }

    /// `line` with every U+FEFF (UTF-8 `EF BB BF`) written as the JSON escape `\ufeff`: the same
    /// JSON, but Foundation's JSONSerialization drops a raw U+FEFF at the start of a string value.
    /// kubectl's JSON is ASCII outside strings, so these bytes are always inside one.
    static func escapingByteOrderMarks(_ line: ArraySlice<UInt8>) -> [UInt8] {
        guard line.contains(0xEF) else { return Array(line) }
        var out: [UInt8] = []
        var i = line.startIndex
        while i < line.endIndex {
            if line[i] == 0xEF, i + 2 < line.endIndex, line[i + 1] == 0xBB, line[i + 2] == 0xBF {
                out += Array("\\ufeff".utf8)
                i += 3
            } else {
                out.append(line[i])
                i += 1
            }
        }
        return out
    }
}
