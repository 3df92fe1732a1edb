import YAMLEditing
import YAMLStream
import YAMLValues

/// The part of an edited document that the read-back parses again: the deepest block mapping
/// that holds every edit and every change, from the start of its first key's line to its end.
///
/// Why that is enough: the mapping's first key starts a line (only spaces before it) and every
/// mapping around it is a block mapping, so where libyaml reaches that line it is in block
/// context with nothing open at or beyond the key's column; it reads the mapping's lines exactly
/// as it reads them when they start a document of their own, and the mapping ends where the first
/// token at a smaller column comes. Before the region the output's bytes are the input's, read the
/// same way up to the same point; after it they are the input's again, read from the same state
/// (an edit that would run on, such as an open quote or flow collection, is a syntax error at
/// the region's end, and then the whole document is compared). Aliases could tie the region to
/// the rest, so a document with any alias is always compared whole.
struct ReadBackRegion {
    /// The input mapping the region holds.
    var node: YAMLNodeID
    /// The changes below that mapping.
    var changes: ChangeTree
    /// The region in the output document's bytes (which start where the input document starts).
    var output: Range<Int>

    /// The region of `document` with `edits` that `changes` describe, or nil when the document
    /// must be read whole. `outputCount`: the length of the edited document.
    static func find(_ document: YAMLDocument, edits: [ByteEdit], changes: ChangeTree, outputCount: Int)
        -> ReadBackRegion?
    {
        guard !edits.isEmpty, !document.hasAliases, var node = document.root else { return nil }
        let low = edits.lazy.map(\.range.lowerBound).min()!
        let high = edits.lazy.map(\.range.upperBound).max()!
        let source = document.source
        let base = document.range.lowerBound
        var tree = changes
        var found: ReadBackRegion?
        while true {
            let n = document[node]
            guard n.kind == .mapping, n.style == .block, !n.hasProperties else { break }
            let lineStart = source.lineStart(n.start)
            guard lineStart >= base, (lineStart..<n.start).allSatisfy({ source[$0] == 0x20 }) else { break }
            // A block mapping ends where the next token begins: the region ends at the start of
            // that token's line, without its indentation.
            var end = n.end
            while end > n.start && source[end - 1] == 0x20 { end -= 1 }
            if end == n.start || (source[end - 1] != 0x0A && source[end - 1] != 0x0D) { end = n.end }
            guard low >= lineStart, high <= end else { break }
            found = ReadBackRegion(
                node: node, changes: tree,
                output: (lineStart - base)..<(end - base + outputCount - document.range.count))
            // Go down while every change lies below one key.
            guard tree.expected == nil, tree.children.count == 1, case .key(let name) = tree.children[0].component,
                let value = onlyValue(of: name, in: node, document)
            else { break }
            tree = tree.children[0].tree
            node = value
        }
        return found
    }

    /// The value of the one entry of `mapping` whose key is written as the plain string `name`
    /// (nil when there is none, or more than one, or a merge key that might bring one in).
    private static func onlyValue(of name: String, in mapping: YAMLNodeID, _ document: YAMLDocument) -> YAMLNodeID? {
        var value: YAMLNodeID?
        var count = 0
        let plain = document.forEachEntry(mapping) { k, v in
            if document.isMergeKey(k) { return false }
            if document.isPlainString(k) && document.scalarTextEquals(k, name) {
                value = v
                count += 1
            }
            return true
        }
        return plain && count == 1 ? value : nil
    }
}
