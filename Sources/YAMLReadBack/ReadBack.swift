import Platform
import YAMLEditing
import YAMLSource
import YAMLStream
import YAMLValues

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The structural guarantee behind every edit kserve-canary writes: the edited document is parsed
/// again from the output bytes and read as kubectl reads it, and must hold exactly the input's
/// values with the intended changes, nothing else changed.
///
/// Usually the output's events are compared with the input's nodes as they stream by
/// (`LockstepReadBack`); when that cannot tell, the output is parsed into a document and the two
/// node trees are walked side by side with go-yaml's meaning of each node (`DocumentComparison`),
/// which names the difference.
public enum ReadBack {
    /// One intended change: the value at `path` (from the document root) becomes `value`, or the
    /// mapping entry goes when `value` is nil.
    public struct Change: Sendable {
        /// Where, from the document root.
        public var path: [YAMLPathComponent]
        /// The new value; nil removes the entry.
        public var value: YAMLValue?

        /// Creates a change.
        public init(_ path: [YAMLPathComponent], _ value: YAMLValue?) {
            self.path = path
            self.value = value
        }
    }

    /// Why `document` with its `edits` applied (each edit lies in the document's range; one that
    /// inserts at its very end belongs to it) does not read back as the input with `changes`, or
    /// nil when it does.
    public static func difference(_ document: YAMLDocument, edits: [ByteEdit], changes: [Change]) -> String? {
        DeepStack.run { differenceOnDeepStack(document, edits: edits, changes: changes) }
    }

    private static func differenceOnDeepStack(_ document: YAMLDocument, edits: [ByteEdit], changes: [Change]) -> String?
    {
        let source = document.source
        let range = document.range
        let output = EditApplier.apply(edits, to: source, within: range)
        // A document that ended its last line must still end it, or the next `---` would join it.
        if !range.isEmpty, source[range.upperBound - 1] == 0x0A || source[range.upperBound - 1] == 0x0D,
            output.last != 0x0A && output.last != 0x0D
        {
            return "its last line break was lost"
        }
        // The edited document ends the stream as the input did: read its last line the same way.
        let lastLineEnded = source.lastLineEnded && range.upperBound == source.count
        let tree = ChangeTree(changes)
        let alike = readsAlike(document, edits: edits, output: output, changes: tree, lastLineEnded: lastLineEnded)
        // The whole output document, for the full comparison only (the fast path reads its region).
        func full() -> String? {
            fullDifference(document, output: SourceBuffer(bytes: output, lastLineEnded: lastLineEnded), changes: tree)
        }
        #if DEBUG || READBACK_CROSSCHECK
            // Debug builds (the tests, the oracle) and the fuzzer check the fast path against the
            // full comparison on every read-back, and use the full comparison's answer.
            let answer = full()
            precondition(!alike || answer == nil, "the lockstep read-back missed: \(answer ?? "")")
            return answer
        #else
            return alike ? nil : full()
        #endif
    }

    /// The fast path: whether `output` (the document with `edits`) surely reads as `document`
    /// with `changes`, reading only the `ReadBackRegion` again when there is one. False: not sure.
    static func readsAlike(
        _ document: YAMLDocument, edits: [ByteEdit], output: [UInt8], changes tree: ChangeTree,
        lastLineEnded: Bool = false
    ) -> Bool {
        if let region = ReadBackRegion.find(document, edits: edits, changes: tree, outputCount: output.count) {
            let bytes = SourceBuffer(
                bytes: output[region.output], lastLineEnded: lastLineEnded && region.output.upperBound == output.count)
            return LockstepReadBack.readsAlike(bytes, document, root: region.node, changes: region.changes)
        }
        guard let root = document.root else { return false }
        return LockstepReadBack.readsAlike(
            SourceBuffer(bytes: output, lastLineEnded: lastLineEnded), document, root: root, changes: tree)
    }

    /// Parses `output` into a document and compares it with `document` by meaning.
    static func fullDifference(_ document: YAMLDocument, output buffer: SourceBuffer, changes tree: ChangeTree)
        -> String?
    {
        var documents: [YAMLDocument] = []
        let outcome = YAMLStreamParser(maxScalarLength: Int(Int32.max)).parse(buffer) {
            documents.append($0)
        }
        if let error = outcome.errors.first { return "the output is not valid YAML: \(error)" }
        guard documents.count == 1, let edited = documents.first else {
            return "the output holds \(documents.count) documents instead of 1"
        }
        guard let before = document.root, let after = edited.root else {
            return document.root == nil && edited.root == nil ? nil : "the output's document is empty"
        }
        var comparison = DocumentComparison(before: document, after: edited, changes: tree)
        do throws(YAMLValueError) {
            if let difference = try comparison.compare(before, after, changes: comparison.changes) {
                return "\(difference.path.dotted) \(difference.message)"
            }
        } catch {
            return "it cannot be read: \(error)"
        }
        return nil
    }
}

/// The intended changes as a tree of path components (a handful of paths: children are a small
/// array searched in order, which costs less than hashing path components).
struct ChangeTree {
    /// The expected value here (`.some(nil)`: the entry must be gone), when this path is changed.
    var expected: YAMLValue??
    /// The changed paths below this one, each component once.
    var children: [(component: YAMLPathComponent, tree: ChangeTree)] = []

    init() {}

    init(_ changes: [ReadBack.Change]) {
        for change in changes { insert(change.path[...], change.value) }
    }

    /// The change below `component`, if any.
    subscript(child component: YAMLPathComponent) -> ChangeTree? {
        children.first { $0.component == component }?.tree
    }

    /// The change below the mapping entry whose key node is `key` (a plain string key), if any.
    func child(matching key: YAMLNodeID, in doc: YAMLDocument) -> (component: YAMLPathComponent, tree: ChangeTree)? {
        childIndex(matching: key, in: doc).map { children[$0] }
    }

    private mutating func insert(_ path: ArraySlice<YAMLPathComponent>, _ value: YAMLValue?) {
        guard let first = path.first else {
            expected = .some(value)
            return
        }
        if let i = children.firstIndex(where: { $0.component == first }) {
            children[i].tree.insert(path.dropFirst(), value)
        } else {
            var tree = ChangeTree()
            tree.insert(path.dropFirst(), value)
            children.append((first, tree))
        }
    }
}

extension ChangeTree {
    /// The index of the child whose key is written as `bytes`.
    func childIndex(matching bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        for (i, child) in children.enumerated() {
            guard case .key(var name) = child.component else { continue }
            let equal = name.withUTF8 { utf8 in
                utf8.count == bytes.count
                    && (bytes.isEmpty || memcmp(utf8.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
            }
            if equal { return i }
        }
        return nil
    }

    /// The index of the child whose key is the text of key node `key`.
    func childIndex(matching key: YAMLNodeID, in doc: YAMLDocument) -> Int? {
        for (i, child) in children.enumerated() {
            if case .key(let name) = child.component, doc.scalarTextEquals(key, name) { return i }
        }
        return nil
    }
}
