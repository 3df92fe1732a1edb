import CYAML
import YAMLScalars
import YAMLSource

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Builds one `YAMLDocument` from libyaml events: nodes in pre-order, scalar values in an arena,
/// anchors indexed so that every alias is resolved (or found undefined) when it is read.
struct DocumentBuilder {
    private(set) var nodes: [YAMLNode] = []
    private(set) var arena: [UInt8] = []
    /// Open collections, innermost last.
    private(set) var open: [Int] = []
    /// Anchor name -> latest node carrying it.
    private var anchors: [String: Int32] = [:]
    private var aliasTargets: [Int32: Int32] = [:]
    /// Index of the root mapping's latest key node, while its value is awaited.
    private(set) var rootKey = -1
    private var undefinedAlias = false
    private var truncated = false
    let maxScalarLength: Int

    init(maxScalarLength: Int) { self.maxScalarLength = maxScalarLength }

    mutating func reset() {
        nodes.removeAll(keepingCapacity: true)
        arena.removeAll(keepingCapacity: true)
        open.removeAll(keepingCapacity: true)
        anchors.removeAll(keepingCapacity: true)
        aliasTargets.removeAll(keepingCapacity: true)
        rootKey = -1
        undefinedAlias = false
        truncated = false
    }

    /// Adds the anchor names seen so far to `names`.
    func anchorNames(into names: inout Set<String>) {
        for name in anchors.keys { names.insert(name) }
    }

    /// Depth of the innermost open collection.
    var depth: Int { open.count }

    /// Whether the next node is a value of the root mapping whose key is the scalar `rootKey`.
    var awaitsRootValue: Bool {
        open.count == 1 && open[0] == 0 && nodes[0].kind == .mapping && nodes[0].childCount % 2 == 1
            && rootKey >= 0 && nodes[rootKey].kind == .scalar
    }

    /// Adds a node; returns its index.
    mutating func add(
        kind: YAMLNodeKind, style: YAMLNodeStyle, start: YAMLMark, end: Int,
        anchor: UnsafeMutablePointer<UInt8>?, tag: UnsafeMutablePointer<UInt8>?,
        value: (Int32, Int32), contentStart: Int
    ) -> Int {
        let a = storeCString(anchor)
        let t = storeCString(tag)
        let index = nodes.count
        if let anchor { anchors[String(cString: anchor)] = Int32(index) }
        if let parent = open.last {
            nodes[parent].childCount += 1
            if parent == 0 && nodes[0].kind == .mapping && nodes[0].childCount % 2 == 1 { rootKey = index }
        }
        nodes.append(
            YAMLNode(
                kind: kind, style: style, hasProperties: anchor != nil || tag != nil, start: start.offset,
                end: end, contentStart: contentStart, line: Int32(start.line), column: Int32(start.column),
                subtreeSize: 1, childCount: 0, valueOffset: value.0, valueLength: value.1,
                tagOffset: t.0, tagLength: t.1, anchorOffset: a.0, anchorLength: a.1))
        return index
    }

    /// Stores a scalar's value (nil when longer than `maxScalarLength`: marked -1).
    mutating func storeScalar(_ pointer: UnsafePointer<UInt8>?, _ length: Int) -> (Int32, Int32) {
        guard length <= maxScalarLength else {
            truncated = true
            return (0, -1)
        }
        return store(pointer, length)
    }

    /// Records an alias node's target; returns false when no earlier node carries the anchor.
    mutating func resolveAlias(at index: Int, name: String) -> Bool {
        guard let target = anchors[name] else {
            undefinedAlias = true
            return false
        }
        aliasTargets[Int32(index)] = target
        return true
    }

    mutating func openCollection(_ index: Int) { open.append(index) }

    mutating func closeCollection(end: Int) {
        let index = open.removeLast()
        nodes[index].end = end
        nodes[index].subtreeSize = Int32(nodes.count - index)
    }

    /// The text of node `index` (nil when not kept).
    func text(_ index: Int) -> String? {
        let node = nodes[index]
        guard node.valueLength >= 0 else { return nil }
        return arena.withUnsafeBufferPointer {
            String(
                decoding: UnsafeBufferPointer(
                    start: $0.baseAddress! + Int(node.valueOffset), count: Int(node.valueLength)),
                as: UTF8.self)
        }
    }

    /// The document built so far. Its arrays are exact-size copies: documents may be kept by the
    /// thousand, and the builder's buffers (sized for the largest document yet) stay its own.
    func document(number: Int, start: YAMLMark, end: Int, explicit: Bool, source: SourceBuffer) -> YAMLDocument {
        YAMLDocument(
            number: number, start: start, end: end, hasExplicitStart: explicit,
            nodes: nodes.withUnsafeBufferPointer { Array($0) }, arena: arena.withUnsafeBufferPointer { Array($0) },
            aliasTargets: aliasTargets, source: source, hasUndefinedAlias: undefinedAlias,
            hasTruncatedScalar: truncated)
    }

    private mutating func store(_ pointer: UnsafePointer<UInt8>?, _ length: Int) -> (Int32, Int32) {
        guard let pointer, length > 0 else { return (0, 0) }
        let offset = Int32(arena.count)
        arena.append(contentsOf: UnsafeBufferPointer(start: pointer, count: length))
        return (offset, Int32(length))
    }

    private mutating func storeCString(_ pointer: UnsafeMutablePointer<UInt8>?) -> (Int32, Int32) {
        guard let pointer else { return (0, 0) }
        return store(UnsafePointer(pointer), strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self)))
    }
}
