import YAMLScalars
import YAMLSource

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One parsed document of a stream: a flat pre-order node list plus byte positions.
///
/// The document knows nothing of what the YAML means; it answers structural questions
/// (children, mapping entries as written, scalar text, tags, anchors and aliases) and where each
/// node is in the source. What values mean (YAML 1.1 resolution, merge keys, which of two equal
/// keys wins) is the business of the `YAMLValues` module.
public struct YAMLDocument: Sendable {
    /// 1-based position of the document in the stream.
    public let number: Int
    /// Where the document starts (its `---` if explicit, else its first node).
    public let start: YAMLMark
    /// Byte offset where the document ends.
    public let end: Int
    /// Whether the document has an explicit `---`.
    public let hasExplicitStart: Bool
    /// The source stream the offsets point into.
    public let source: SourceBuffer
    @usableFromInline let nodes: [YAMLNode]
    let arena: [UInt8]
    /// Alias node -> the anchored node it refers to (resolved while parsing).
    @usableFromInline let aliasTargets: [Int32: Int32]
    /// Nodes that at least one alias refers to.
    package let aliasedNodes: Set<Int32>
    /// Whether an alias names no earlier anchor (the parser reports it; nobody should read on).
    package let hasUndefinedAlias: Bool
    /// Whether some scalar was too long to keep (`isTruncated`): its text cannot be compared.
    package let hasTruncatedScalar: Bool

    init(
        number: Int, start: YAMLMark, end: Int, hasExplicitStart: Bool, nodes: [YAMLNode], arena: [UInt8],
        aliasTargets: [Int32: Int32], source: SourceBuffer, hasUndefinedAlias: Bool = false,
        hasTruncatedScalar: Bool = false
    ) {
        self.number = number
        self.start = start
        self.end = end
        self.hasExplicitStart = hasExplicitStart
        self.nodes = nodes
        self.arena = arena
        self.aliasTargets = aliasTargets
        self.aliasedNodes = Set(aliasTargets.values)
        self.hasUndefinedAlias = hasUndefinedAlias
        self.hasTruncatedScalar = hasTruncatedScalar
        self.source = source
    }

    /// The same document without its nodes (number, range and source kept), for a caller that has
    /// read all it needs from them and keeps only the document's place in the stream.
    package func withoutNodes() -> YAMLDocument {
        YAMLDocument(
            number: number, start: start, end: end, hasExplicitStart: hasExplicitStart, nodes: [], arena: [],
            aliasTargets: [:], source: source)
    }

    /// The root node, if the document has one.
    @inlinable public var root: YAMLNodeID? { nodes.isEmpty ? nil : YAMLNodeID(0) }

    /// Number of nodes.
    @inlinable public var nodeCount: Int { nodes.count }

    /// Byte range of the document in the source (from its start mark to its end).
    public var range: Range<Int> { start.offset..<max(start.offset, end) }

    /// The node `id`.
    @inlinable public subscript(id: YAMLNodeID) -> YAMLNode { nodes[id.int] }

    /// The direct children of `id`, in source order.
    @inlinable public func children(_ id: YAMLNodeID) -> [YAMLNodeID] {
        let node = nodes[id.int]
        var result: [YAMLNodeID] = []
        result.reserveCapacity(Int(node.childCount))
        var child = id.int + 1
        for _ in 0..<node.childCount {
            result.append(YAMLNodeID(child))
            child += Int(nodes[child].subtreeSize)
        }
        return result
    }

    /// Key/value pairs of a mapping, as written (empty for anything else). Repeated keys and `<<`
    /// merge keys are listed as they are.
    @inlinable public func entries(_ mapping: YAMLNodeID) -> [(key: YAMLNodeID, value: YAMLNodeID)] {
        guard nodes[mapping.int].kind == .mapping else { return [] }
        var result: [(key: YAMLNodeID, value: YAMLNodeID)] = []
        result.reserveCapacity(Int(nodes[mapping.int].childCount) / 2)
        var child = mapping.int + 1
        for _ in 0..<(nodes[mapping.int].childCount / 2) {
            let value = child + Int(nodes[child].subtreeSize)
            result.append((YAMLNodeID(child), YAMLNodeID(value)))
            child = value + Int(nodes[value].subtreeSize)
        }
        return result
    }

    /// Calls `body` with each key/value pair of `mapping` as written, in source order, until it
    /// returns false: `entries` without allocating. Returns false when `body` stopped.
    @discardableResult
    @inlinable public func forEachEntry(_ mapping: YAMLNodeID, _ body: (YAMLNodeID, YAMLNodeID) -> Bool) -> Bool {
        guard nodes[mapping.int].kind == .mapping else { return true }
        var child = mapping.int + 1
        for _ in 0..<(nodes[mapping.int].childCount / 2) {
            let value = child + Int(nodes[child].subtreeSize)
            guard body(YAMLNodeID(child), YAMLNodeID(value)) else { return false }
            child = value + Int(nodes[value].subtreeSize)
        }
        return true
    }

    /// Calls `body` with each direct child of `id` in source order until it returns false:
    /// `children` without allocating. Returns false when `body` stopped.
    @discardableResult
    @inlinable public func forEachChild(_ id: YAMLNodeID, _ body: (YAMLNodeID) -> Bool) -> Bool {
        var child = id.int + 1
        for _ in 0..<nodes[id.int].childCount {
            guard body(YAMLNodeID(child)) else { return false }
            child += Int(nodes[child].subtreeSize)
        }
        return true
    }

    /// Replaces `keys` with the key nodes of `mapping` as written (nothing for anything else):
    /// `entries` without allocating, for callers that walk many mappings with one buffer.
    public func keys(of mapping: YAMLNodeID, into keys: inout [YAMLNodeID]) {
        keys.removeAll(keepingCapacity: true)
        guard nodes[mapping.int].kind == .mapping else { return }
        var child = mapping.int + 1
        for _ in 0..<(nodes[mapping.int].childCount / 2) {
            keys.append(YAMLNodeID(child))
            let value = child + Int(nodes[child].subtreeSize)
            child = value + Int(nodes[value].subtreeSize)
        }
    }

    /// The number of nodes in the subtree at `id`, `id` included (its next sibling is that many
    /// nodes on).
    @inlinable public func subtreeSize(_ id: YAMLNodeID) -> Int { Int(nodes[id.int].subtreeSize) }

    /// Every node of the subtree at `id`, `id` first, in pre-order.
    public func subtree(_ id: YAMLNodeID) -> [YAMLNodeID] {
        (id.int..<(id.int + Int(nodes[id.int].subtreeSize))).map(YAMLNodeID.init)
    }

    /// Whether `id` lies in the subtree of `ancestor` (itself included).
    @inlinable public func isInSubtree(_ id: YAMLNodeID, of ancestor: YAMLNodeID) -> Bool {
        id.index >= ancestor.index && id.index < ancestor.index + nodes[ancestor.int].subtreeSize
    }

    /// The text of a scalar node as parsed (escapes and folding applied), nil for collections,
    /// aliases and scalars too long to keep.
    public func scalarText(_ id: YAMLNodeID) -> String? {
        let node = nodes[id.int]
        guard node.kind == .scalar, node.valueLength >= 0 else { return nil }
        return arenaString(node.valueOffset, node.valueLength)
    }

    /// The first byte of a scalar's text (nil for other nodes, empty or too long scalars), read in
    /// place.
    public func scalarFirstByte(_ id: YAMLNodeID) -> UInt8? {
        let node = nodes[id.int]
        guard node.kind == .scalar, node.valueLength > 0 else { return nil }
        return arena[Int(node.valueOffset)]
    }

    /// Whether node `id` is a scalar whose text is exactly `bytes`.
    public func scalarTextEquals(_ id: YAMLNodeID, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { scalarTextEquals(id, $0) }
    }

    /// Whether the node is a scalar whose text is `text` (no copy of `text` when it is native).
    public func scalarTextEquals(_ id: YAMLNodeID, _ text: String) -> Bool {
        guard Int(nodes[id.int].valueLength) == text.utf8.count else { return false }
        return text.utf8.withContiguousStorageIfAvailable { scalarTextEquals(id, $0) }
            ?? scalarTextEquals(id, Array(text.utf8))
    }

    private func scalarTextEquals(_ id: YAMLNodeID, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let node = nodes[id.int]
        guard node.kind == .scalar, Int(node.valueLength) == bytes.count else { return false }
        if bytes.isEmpty { return true }
        return arena.withUnsafeBufferPointer { a in
            memcmp(a.baseAddress! + Int(node.valueOffset), bytes.baseAddress!, bytes.count) == 0
        }
    }

    /// Whether the scalar's text was too long to keep in memory.
    public func isTruncated(_ id: YAMLNodeID) -> Bool { nodes[id.int].valueLength < 0 }

    /// Whether the node has a tag written (`tag(_:)` without making the string).
    @inlinable public func hasTag(_ id: YAMLNodeID) -> Bool { nodes[id.int].tagLength > 0 }

    /// The node's tag as libyaml resolved it (e.g. `tag:yaml.org,2002:str`), if written.
    public func tag(_ id: YAMLNodeID) -> String? {
        let node = nodes[id.int]
        return node.tagLength > 0 ? arenaString(node.tagOffset, node.tagLength) : nil
    }

    /// The node's anchor name, if any.
    public func anchor(_ id: YAMLNodeID) -> String? {
        let node = nodes[id.int]
        return node.anchorLength > 0 ? arenaString(node.anchorOffset, node.anchorLength) : nil
    }

    /// The alias's anchor name (nil for other nodes).
    public func aliasName(_ id: YAMLNodeID) -> String? {
        let node = nodes[id.int]
        guard node.kind == .alias else { return nil }
        return arenaString(node.valueOffset, node.valueLength)
    }

    /// The node an alias refers to (the latest earlier node with that anchor); other nodes, and
    /// undefined aliases, map to themselves. Constant time: aliases are resolved while parsing.
    @inlinable public func resolve(_ id: YAMLNodeID) -> YAMLNodeID {
        guard nodes[id.int].kind == .alias, let target = aliasTargets[id.index] else { return id }
        return YAMLNodeID(Int(target))
    }

    /// Whether any alias of the document refers to node `id`.
    public func isAliasTarget(_ id: YAMLNodeID) -> Bool { aliasedNodes.contains(id.index) }

    /// Whether the document has any alias.
    public var hasAliases: Bool { !aliasTargets.isEmpty }

    /// Whether some node of the subtree at `id` is the target of an alias, so that replacing or
    /// removing the subtree would change (or break) what an alias elsewhere reads.
    public func subtreeHasAliasTarget(_ id: YAMLNodeID) -> Bool {
        if aliasedNodes.isEmpty { return false }
        let range = id.index..<(id.index + nodes[id.int].subtreeSize)
        if range.count < aliasedNodes.count {
            return range.contains { aliasedNodes.contains($0) }
        }
        return aliasedNodes.contains { range.contains($0) }
    }

    /// The source bytes of a node, exactly as written.
    public func sourceText(_ id: YAMLNodeID) -> String { source.text(nodes[id.int].range) }

    /// The source bytes of the node's content (after anchor and tag).
    public func contentText(_ id: YAMLNodeID) -> String { source.text(nodes[id.int].contentStart..<nodes[id.int].end) }

    /// Whether two scalar nodes have byte-identical text.
    public func sameScalarText(_ a: YAMLNodeID, _ b: YAMLNodeID) -> Bool {
        let x = nodes[a.int]
        let y = nodes[b.int]
        guard x.kind == .scalar, y.kind == .scalar, x.valueLength == y.valueLength, x.valueLength >= 0 else {
            return false
        }
        if x.valueLength == 0 { return true }
        return arena.withUnsafeBufferPointer {
            memcmp($0.baseAddress! + Int(x.valueOffset), $0.baseAddress! + Int(y.valueOffset), Int(x.valueLength)) == 0
        }
    }

    /// Whether `id` is an untagged plain scalar that go-yaml reads as the string it is written as
    /// (checked on the bytes in place: the common case of a mapping key).
    public func isPlainString(_ id: YAMLNodeID) -> Bool {
        let node = nodes[id.int]
        guard node.kind == .scalar, node.style == .plain, node.tagLength == 0, node.valueLength > 0 else {
            return false
        }
        return arena.withUnsafeBufferPointer { a in
            YAMLScalarResolver.isPlainString(
                UnsafeBufferPointer(rebasing: a[Int(node.valueOffset)..<Int(node.valueOffset + node.valueLength)]))
        }
    }

    /// Whether scalar `id` and scalar `otherID` of `other` are written alike: same style, same tag
    /// and the same text, so that they read the same (compared in place, nothing copied).
    public func isWrittenAlike(_ id: YAMLNodeID, _ other: YAMLDocument, _ otherID: YAMLNodeID) -> Bool {
        let a = nodes[id.int]
        let b = other.nodes[otherID.int]
        guard a.kind == .scalar, b.kind == .scalar, a.style == b.style, a.valueLength >= 0,
            a.valueLength == b.valueLength, a.tagLength == b.tagLength
        else { return false }
        return arena.withUnsafeBufferPointer { x in
            other.arena.withUnsafeBufferPointer { y in
                let p = x.baseAddress
                let q = y.baseAddress
                return
                    (a.valueLength == 0
                    || memcmp(p! + Int(a.valueOffset), q! + Int(b.valueOffset), Int(a.valueLength)) == 0)
                    && (a.tagLength == 0 || memcmp(p! + Int(a.tagOffset), q! + Int(b.tagOffset), Int(a.tagLength)) == 0)
            }
        }
    }

    private func arenaString(_ offset: Int32, _ length: Int32) -> String {
        arena.withUnsafeBufferPointer { a in
            String(
                decoding: UnsafeBufferPointer(start: a.baseAddress! + Int(offset), count: Int(length)), as: UTF8.self)
        }
    }
}
