import Platform
import YAMLEditing
import YAMLSource
import YAMLStream

/// The structural guarantee behind every edit kserve-canary writes: the edited document is parsed
/// again from the output bytes and read as kubectl reads it, and must hold exactly the input's
/// values with the intended changes, nothing else changed.
///
/// The comparison walks the input and output node trees side by side with go-yaml's meaning of
/// each node (`DocumentComparison`), so unchanged subtrees cost a byte comparison, not a copy.
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
        var documents: [YAMLDocument] = []
        let outcome = YAMLStreamParser(maxScalarLength: Int(Int32.max)).parse(SourceBuffer(bytes: output)) {
            documents.append($0)
        }
        if let error = outcome.errors.first { return "the output is not valid YAML: \(error)" }
        guard documents.count == 1, let edited = documents.first else {
            return "the output holds \(documents.count) documents instead of 1"
        }
        guard let before = document.root, let after = edited.root else {
            return document.root == nil && edited.root == nil ? nil : "the output's document is empty"
        }
        var comparison = DocumentComparison(before: document, after: edited, changes: ChangeTree(changes))
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
        for (component, tree) in children {
            if case .key(let name) = component, doc.scalarTextEquals(key, name) { return (component, tree) }
        }
        return nil
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
