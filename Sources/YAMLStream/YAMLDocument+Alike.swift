import YAMLScalars

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension YAMLDocument {
    /// Whether the subtree at `id` and the subtree at `otherID` of `other` are written alike node
    /// for node: the same shape, kinds, styles, tags, anchors and scalar text, and no alias inside,
    /// so that they read alike wherever they stand. Compared in place in one pass over both
    /// subtrees (nothing is copied); false as soon as anything differs or a scalar was too long
    /// to keep.
    public func isSubtreeWrittenAlike(_ id: YAMLNodeID, _ other: YAMLDocument, _ otherID: YAMLNodeID) -> Bool {
        let a = id.int
        let b = otherID.int
        let size = Int(nodes[a].subtreeSize)
        guard size == Int(other.nodes[b].subtreeSize) else { return false }
        return nodes.withUnsafeBufferPointer { xs in
            other.nodes.withUnsafeBufferPointer { ys in
                arena.withUnsafeBufferPointer { xa in
                    other.arena.withUnsafeBufferPointer { ya in
                        func same(_ x: Int32, _ y: Int32, _ length: Int32) -> Bool {
                            length == 0 || memcmp(xa.baseAddress! + Int(x), ya.baseAddress! + Int(y), Int(length)) == 0
                        }
                        for i in 0..<size {
                            let x = xs[a + i]
                            let y = ys[b + i]
                            guard x.kind == y.kind, x.kind != .alias, x.style == y.style, x.childCount == y.childCount,
                                x.valueLength >= 0, x.valueLength == y.valueLength, x.tagLength == y.tagLength,
                                x.anchorLength == y.anchorLength,
                                same(x.valueOffset, y.valueOffset, x.valueLength),
                                same(x.tagOffset, y.tagOffset, x.tagLength),
                                same(x.anchorOffset, y.anchorOffset, x.anchorLength)
                            else { return false }
                        }
                        return true
                    }
                }
            }
        }
    }

    /// Whether node `id` is a scalar, sequence or mapping of `kind` written with exactly this
    /// style, text (scalars), tag and anchor (empty buffers: none): what a reader of libyaml's
    /// events compares an event with. Aliases never are, nor scalars too long to keep.
    package func isWrittenAlike(
        _ id: YAMLNodeID, kind: YAMLNodeKind, style: YAMLNodeStyle, value: UnsafeBufferPointer<UInt8>,
        tag: UnsafeBufferPointer<UInt8>, anchor: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        let node = nodes[id.int]
        guard node.kind == kind, kind != .alias, node.style == style, node.valueLength >= 0,
            Int(node.valueLength) == value.count, Int(node.tagLength) == tag.count,
            Int(node.anchorLength) == anchor.count
        else { return false }
        return arena.withUnsafeBufferPointer { a in
            func same(_ offset: Int32, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
                bytes.isEmpty || memcmp(a.baseAddress! + Int(offset), bytes.baseAddress!, bytes.count) == 0
            }
            return same(node.valueOffset, value) && same(node.tagOffset, tag) && same(node.anchorOffset, anchor)
        }
    }
}
