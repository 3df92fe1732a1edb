/// One parsed document of a stream: a flat pre-order node list plus byte positions.
///
/// The document knows nothing of what the YAML means; it answers structural questions
/// (children, mapping entries, scalar values, anchors) and where each node is in the source.
public struct YAMLDocument: @unchecked Sendable {
    /// 1-based position of the document in the stream.
    public let number: Int
    /// Where the document starts (its `---` if explicit, else its first node).
    public let start: YAMLMark
    /// Byte offset where the document ends.
    public let end: Int
    /// Whether the document has an explicit `---`.
    public let hasExplicitStart: Bool
    /// All nodes, pre-order; index 0 is the root.
    public let nodes: [YAMLNode]
    /// The source stream the offsets point into.
    public let source: SourceBuffer
    let arena: [UInt8]

    init(number: Int, start: YAMLMark, end: Int, hasExplicitStart: Bool,
         nodes: [YAMLNode], arena: [UInt8], source: SourceBuffer) {
        self.number = number
        self.start = start
        self.end = end
        self.hasExplicitStart = hasExplicitStart
        self.nodes = nodes
        self.arena = arena
        self.source = source
    }

    /// Index of the root node, if the document has one.
    public var root: Int? { nodes.isEmpty ? nil : 0 }

    /// The node at `index`.
    @inline(__always) public subscript(index: Int) -> YAMLNode { nodes[index] }

    /// Indexes of the direct children of `index`, in source order.
    public func children(_ index: Int) -> [Int] {
        let node = nodes[index]
        var result: [Int] = []
        result.reserveCapacity(Int(node.childCount))
        var child = index + 1
        for _ in 0..<node.childCount {
            result.append(child)
            child += Int(nodes[child].subtreeSize)
        }
        return result
    }

    /// Key/value index pairs of a mapping (empty for anything else).
    public func entries(_ mapping: Int) -> [(key: Int, value: Int)] {
        guard nodes[mapping].kind == .mapping else { return [] }
        var result: [(key: Int, value: Int)] = []
        result.reserveCapacity(Int(nodes[mapping].childCount) / 2)
        var child = mapping + 1
        for _ in 0..<(nodes[mapping].childCount / 2) {
            let key = child
            let value = key + Int(nodes[key].subtreeSize)
            result.append((key, value))
            child = value + Int(nodes[value].subtreeSize)
        }
        return result
    }

    /// The first entry of `mapping` whose key is the scalar `key`.
    public func entry(_ key: String, in mapping: Int) -> (key: Int, value: Int)? {
        guard nodes[mapping].kind == .mapping else { return nil }
        let utf8 = Array(key.utf8)
        var child = mapping + 1
        for _ in 0..<(nodes[mapping].childCount / 2) {
            let k = child
            let v = k + Int(nodes[k].subtreeSize)
            if scalarBytesEqual(k, utf8) { return (k, v) }
            child = v + Int(nodes[v].subtreeSize)
        }
        return nil
    }

    /// The value node of `key` in `mapping`, aliases resolved.
    public func value(_ key: String, in mapping: Int) -> Int? {
        entry(key, in: mapping).map { resolve($0.value) }
    }

    /// Follows a path of mapping keys from `node`, resolving aliases on the way.
    public func value(at path: [String], from node: Int) -> Int? {
        var current = resolve(node)
        for key in path {
            guard let next = value(key, in: current) else { return nil }
            current = next
        }
        return current
    }

    /// Whether node `index` is a scalar whose value is exactly `bytes`.
    public func scalarBytesEqual(_ index: Int, _ bytes: [UInt8]) -> Bool {
        let node = nodes[index]
        guard node.kind == .scalar, Int(node.valueLength) == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { a in
            bytes.withUnsafeBufferPointer { b in
                b.count == 0 || memcmp(a.baseAddress! + Int(node.valueOffset), b.baseAddress!, b.count) == 0
            }
        }
    }

    /// The value of a scalar node (nil for collections, aliases, and scalars too long to keep).
    public func scalar(_ index: Int) -> String? {
        let node = nodes[index]
        guard node.kind == .scalar, node.valueLength >= 0 else { return nil }
        return arenaString(node.valueOffset, node.valueLength)
    }

    /// Whether the scalar's value was too long to keep in memory.
    public func isTruncated(_ index: Int) -> Bool { nodes[index].valueLength < 0 }

    /// Whether the node is a YAML null: an untagged plain `""`, `~`, `null`, `Null` or `NULL`, or tagged `!!null`.
    public func isNull(_ index: Int) -> Bool {
        let node = nodes[index]
        guard node.kind == .scalar else { return false }
        if let tag = tag(index) { return tag == "tag:yaml.org,2002:null" }
        guard node.style == .plain, let value = scalar(index) else { return false }
        return value.isEmpty || value == "~" || value == "null" || value == "Null" || value == "NULL"
    }

    /// The node's tag as libyaml resolved it (e.g. `tag:yaml.org,2002:str`), if written.
    public func tag(_ index: Int) -> String? {
        let node = nodes[index]
        return node.tagLength > 0 ? arenaString(node.tagOffset, node.tagLength) : nil
    }

    /// The node's anchor name, if any.
    public func anchor(_ index: Int) -> String? {
        let node = nodes[index]
        return node.anchorLength > 0 ? arenaString(node.anchorOffset, node.anchorLength) : nil
    }

    /// The alias's anchor name.
    public func aliasName(_ index: Int) -> String? {
        let node = nodes[index]
        guard node.kind == .alias else { return nil }
        return arenaString(node.valueOffset, node.valueLength)
    }

    /// The node an alias refers to (the latest earlier node with that anchor); other nodes map to themselves.
    public func resolve(_ index: Int) -> Int {
        guard nodes[index].kind == .alias, let name = aliasName(index) else { return index }
        var i = index - 1
        while i >= 0 {
            if nodes[i].anchorLength > 0 && anchor(i) == name { return i }
            i -= 1
        }
        return index
    }

    /// Whether the subtree at `index` contains an anchor (so editing it could change what aliases see).
    public func containsAnchor(_ index: Int) -> Bool {
        let size = Int(nodes[index].subtreeSize)
        for i in index..<(index + size) where nodes[i].anchorLength > 0 { return true }
        return false
    }

    /// The source bytes of a node, exactly as written.
    public func sourceText(_ index: Int) -> String { source.text(nodes[index].range) }

    /// The source bytes of the node's content (after anchor and tag).
    public func contentText(_ index: Int) -> String { source.text(nodes[index].contentStart..<nodes[index].end) }

    /// Scalar keys that occur more than once in the same mapping: (first occurrence, repeat) pairs.
    public func duplicateKeys(in range: Range<Int>? = nil) -> [(first: Int, duplicate: Int)] {
        var result: [(first: Int, duplicate: Int)] = []
        let bounds = range ?? 0..<nodes.count
        var keys: [Int] = []
        for m in bounds where nodes[m].kind == .mapping && nodes[m].childCount > 2 {
            keys.removeAll(keepingCapacity: true)
            var child = m + 1
            for _ in 0..<(nodes[m].childCount / 2) {
                let value = child + Int(nodes[child].subtreeSize)
                if nodes[child].kind == .scalar && nodes[child].valueLength >= 0 { keys.append(child) }
                child = value + Int(nodes[value].subtreeSize)
            }
            if keys.count <= 32 {
                // Small mappings (nearly all): compare arena bytes pairwise, no allocation.
                for j in keys.indices.dropFirst() {
                    for i in 0..<j where sameScalarValue(keys[i], keys[j]) {
                        result.append((keys[i], keys[j]))
                        break
                    }
                }
            } else {
                var seen: [String: Int] = [:]
                for k in keys {
                    let key = scalar(k)!
                    if let first = seen[key] { result.append((first, k)) } else { seen[key] = k }
                }
            }
        }
        return result
    }

    /// Whether two scalar nodes have byte-identical values.
    func sameScalarValue(_ a: Int, _ b: Int) -> Bool {
        let x = nodes[a], y = nodes[b]
        guard x.valueLength == y.valueLength else { return false }
        if x.valueLength == 0 { return true }
        return arena.withUnsafeBufferPointer {
            memcmp($0.baseAddress! + Int(x.valueOffset), $0.baseAddress! + Int(y.valueOffset), Int(x.valueLength)) == 0
        }
    }

    private func arenaString(_ offset: Int32, _ length: Int32) -> String {
        arena.withUnsafeBufferPointer { a in
            String(decoding: UnsafeBufferPointer(start: a.baseAddress! + Int(offset), count: Int(length)), as: UTF8.self)
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
