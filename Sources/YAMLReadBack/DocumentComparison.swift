import YAMLStream
import YAMLValues

/// Compares two documents by what go-yaml reads in them (not by bytes), allowing the intended
/// changes: scalars by resolved value, sequences item by item, mappings entry by entry after merge
/// keys and repeated keys are applied. Nodes an alias shares are compared once.
struct DocumentComparison {
    let before: YAMLDocument
    let after: YAMLDocument
    let changes: ChangeTree
    /// Pairs of shared (aliased) nodes already compared.
    private var compared = Set<Pair>()
    /// Nodes visited, bounded like `YAMLValueReader` bounds alias expansion.
    private var visits = 0
    /// Whether an unchanged subtree is first compared as written (one pass over both, no
    /// copies); off below a subtree that failed it, so that no node is compared twice that way.
    private var triesWrittenAlike = true

    private struct Pair: Hashable {
        let a: YAMLNodeID
        let b: YAMLNodeID
    }

    /// Where (built while unwinding, innermost first) and what.
    struct Difference {
        var reversedPath: [YAMLPathComponent]
        var message: String
        var path: [YAMLPathComponent] { reversedPath.reversed() }

        init(_ message: String) {
            reversedPath = []
            self.message = message
        }

        func at(_ component: YAMLPathComponent) -> Difference {
            var d = self
            d.reversedPath.append(component)
            return d
        }
    }

    init(before: YAMLDocument, after: YAMLDocument, changes: ChangeTree) {
        self.before = before
        self.after = after
        self.changes = changes
    }

    /// The first difference between node `a` of `before` and node `b` of `after` that `changes`
    /// does not allow, or nil.
    mutating func compare(_ a: YAMLNodeID, _ b: YAMLNodeID, changes: ChangeTree?) throws(YAMLValueError) -> Difference?
    {
        if let expected = changes?.expected {
            guard let expected else { return Difference("is still there") }
            let actual = try YAMLValueReader.value(of: b, in: after)
            return actual == expected
                ? nil : Difference("is \(actual.kindDescription) instead of \(expected.kindDescription)")
        }
        if changes == nil && triesWrittenAlike {
            // Written alike node for node reads alike: the common case of everything the edits
            // did not touch.
            if before.isSubtreeWrittenAlike(a, after, b) { return nil }
            triesWrittenAlike = false
            defer { triesWrittenAlike = true }
            return try compareNodes(a, b, changes: nil)
        }
        return try compareNodes(a, b, changes: changes)
    }

    /// `compare` by what each node means.
    private mutating func compareNodes(
        _ a: YAMLNodeID, _ b: YAMLNodeID,
        changes: ChangeTree?
    ) throws(YAMLValueError) -> Difference? {
        visits += 1
        if visits > YAMLValueReader.maxExpandedNodes {
            throw YAMLValueError(
                message: "the document expands to more than \(YAMLValueReader.maxExpandedNodes) nodes (aliases)")
        }
        let ra = before.resolve(a)
        let rb = after.resolve(b)
        if changes == nil && (before.isAliasTarget(ra) || after.isAliasTarget(rb)) {
            guard compared.insert(Pair(a: ra, b: rb)).inserted else { return nil }
        }
        let kindA = before[ra].kind
        let kindB = after[rb].kind
        guard kindA == kindB else { return Difference("is a \(kindB) instead of a \(kindA)") }
        switch kindA {
        case .scalar:
            return try sameScalar(ra, rb)
                ? nil : Difference("is \(describe(after, rb)) instead of \(describe(before, ra))")
        case .sequence:
            let itemsA = before.children(ra)
            let itemsB = after.children(rb)
            for (i, pair) in zip(itemsA, itemsB).enumerated() {
                if let d = try compare(pair.0, pair.1, changes: changes?[child: .index(i)]) { return d.at(.index(i)) }
            }
            return itemsA.count == itemsB.count
                ? nil : Difference("has \(itemsB.count) items instead of \(itemsA.count)")
        case .mapping:
            if changes == nil, let d = try compareInOrder(ra, rb) { return d.isEmpty ? nil : d.first }
            return try compareByKey(ra, rb, changes: changes)
        case .alias:
            return Difference("is an undefined alias")
        }
    }

    /// Entry by entry in source order, when both mappings are written plainly (no merge keys) with
    /// the same keys in the same order: `[]` when equal, `[difference]`, or nil to compare by key.
    /// (Repeated keys compare pairwise, which is stricter than the last one winning.)
    private mutating func compareInOrder(_ a: YAMLNodeID, _ b: YAMLNodeID) throws(YAMLValueError) -> [Difference]? {
        let entriesA = before.entries(a)
        let entriesB = after.entries(b)
        guard entriesA.count == entriesB.count else { return nil }
        for (ea, eb) in zip(entriesA, entriesB) {
            guard before.isWrittenAlike(ea.key, after, eb.key), !before.isMergeKey(ea.key) else { return nil }
        }
        for (ea, eb) in zip(entriesA, entriesB) {
            if let d = try compare(ea.value, eb.value, changes: nil) {
                return [d.at(.key((try? before.jsonKey(ea.key)) ?? before.contentText(ea.key)))]
            }
        }
        return []
    }

    /// By JSON key, allowing the changes below this mapping. Mappings written plainly (no merge
    /// keys, plain string keys, none repeated) are matched key by key on the bytes in place;
    /// others through their semantic entries.
    private mutating func compareByKey(_ a: YAMLNodeID, _ b: YAMLNodeID, changes: ChangeTree?) throws(YAMLValueError)
        -> Difference?
    {
        let keysA = before.entries(a)
        let keysB = after.entries(b)
        if hasPlainKeys(keysA, in: before), hasPlainKeys(keysB, in: after),
            let aligned = try compareAligned(keysA, keysB, changes: changes)
        {
            return aligned.difference
        }
        guard isPlain(keysA.map(\.key), in: before), isPlain(keysB.map(\.key), in: after) else {
            return try compareSemantically(a, b, changes: changes)
        }
        var matched = [Bool](repeating: false, count: keysB.count)
        var seenChanges = Set<YAMLPathComponent>()
        for ea in keysA {
            let change = changes?.child(matching: ea.key, in: before)
            if let change { seenChanges.insert(change.component) }
            guard
                let j = keysB.indices.first(where: {
                    !matched[$0] && before.isWrittenAlike(ea.key, after, keysB[$0].key)
                })
            else {
                if let expected = change?.tree.expected, expected == nil { continue }
                return Difference("is missing").at(.key(before.scalarText(ea.key) ?? ""))
            }
            matched[j] = true
            if let d = try compare(ea.value, keysB[j].value, changes: change?.tree) {
                return d.at(.key(before.scalarText(ea.key) ?? ""))
            }
        }
        for (j, eb) in keysB.enumerated() where !matched[j] {
            let key = after.scalarText(eb.key) ?? ""
            guard let change = changes?.child(matching: eb.key, in: after), change.tree.expected != nil else {
                return Difference("appeared").at(.key(key))
            }
            seenChanges.insert(change.component)
            if let d = try compare(eb.value, eb.value, changes: change.tree) { return d.at(.key(key)) }
        }
        for (component, change) in changes?.children ?? [] where !seenChanges.contains(component) {
            if case .key = component, let expected = change.expected, expected != nil {
                return Difference("is missing").at(component)
            }
        }
        return nil
    }

    /// Whether every key is a plain string (equal exactly when its bytes are) and none a merge key.
    private func hasPlainKeys(_ entries: [(key: YAMLNodeID, value: YAMLNodeID)], in doc: YAMLDocument) -> Bool {
        entries.allSatisfy { doc.isPlainString($0.key) && !doc.isMergeKey($0.key) }
    }

    /// The outcome of comparing two mappings entry by entry in source order.
    private struct Aligned {
        var difference: Difference?
    }

    /// Both mappings walked in source order, in one pass: entries written alike are compared
    /// pairwise (a repeated key too, which is stricter than the last one winning); an entry the
    /// changes remove may be missing from `after`, one they add may appear there. Nil when the
    /// keys do not line up that way (then the entries are matched by key).
    private mutating func compareAligned(
        _ keysA: [(key: YAMLNodeID, value: YAMLNodeID)],
        _ keysB: [(key: YAMLNodeID, value: YAMLNodeID)],
        changes: ChangeTree?
    ) throws(YAMLValueError) -> Aligned? {
        var i = 0
        var j = 0
        var seen = Set<YAMLPathComponent>()
        while i < keysA.count || j < keysB.count {
            if i < keysA.count, j < keysB.count, before.isWrittenAlike(keysA[i].key, after, keysB[j].key) {
                let change = changes?.child(matching: keysA[i].key, in: before)
                if let change { seen.insert(change.component) }
                if let d = try compare(keysA[i].value, keysB[j].value, changes: change?.tree) {
                    return Aligned(difference: d.at(.key(before.scalarText(keysA[i].key) ?? "")))
                }
                i += 1
                j += 1
            } else if i < keysA.count, let change = changes?.child(matching: keysA[i].key, in: before),
                case .some(.none) = change.tree.expected
            {
                seen.insert(change.component)
                i += 1
            } else if j < keysB.count, let change = changes?.child(matching: keysB[j].key, in: after),
                case .some(.some) = change.tree.expected
            {
                seen.insert(change.component)
                if let d = try compare(keysB[j].value, keysB[j].value, changes: change.tree) {
                    return Aligned(difference: d.at(.key(after.scalarText(keysB[j].key) ?? "")))
                }
                j += 1
            } else {
                return nil
            }
        }
        for (component, change) in changes?.children ?? [] where !seen.contains(component) {
            if case .key = component, case .some(.some) = change.expected {
                return Aligned(difference: Difference("is missing").at(component))
            }
        }
        return Aligned(difference: nil)
    }

    /// Whether keys are plain strings (so equal exactly when their bytes are), with no merge key
    /// and no key repeated.
    private func isPlain(_ keys: [YAMLNodeID], in doc: YAMLDocument) -> Bool {
        guard keys.count <= 64, keys.allSatisfy(doc.isPlainString) else { return false }
        for j in keys.indices.dropFirst() where keys[..<j].contains(where: { doc.isWrittenAlike($0, doc, keys[j]) }) {
            return false
        }
        return !keys.contains(where: doc.isMergeKey)
    }

    /// By JSON key, after merges and repeated keys, allowing the changes below this mapping.
    private mutating func compareSemantically(_ a: YAMLNodeID, _ b: YAMLNodeID, changes: ChangeTree?)
        throws(YAMLValueError) -> Difference?
    {
        let entriesA = try before.semanticEntries(a)
        let entriesB = try after.semanticEntries(b)
        var valuesB: [String: YAMLNodeID] = [:]
        for (key, entry) in entriesB { valuesB[key] = entry.written }
        var seen = Set<String>()
        for (key, entry) in entriesA {
            seen.insert(key)
            let change = changes?[child: .key(key)]
            guard let other = valuesB[key] else {
                if let expected = change?.expected, expected == nil { continue }
                return Difference("is missing").at(.key(key))
            }
            if let d = try compare(entry.written, other, changes: change) { return d.at(.key(key)) }
        }
        for (key, _) in entriesB where !seen.contains(key) {
            guard let change = changes?[child: .key(key)], change.expected != nil else {
                return Difference("appeared").at(.key(key))
            }
            if let d = try compare(valuesB[key]!, valuesB[key]!, changes: change) { return d.at(.key(key)) }
        }
        if let changes {
            for (component, change) in changes.children {
                guard case .key(let key) = component, !seen.contains(key), valuesB[key] == nil,
                    let expected = change.expected, expected != nil
                else { continue }
                return Difference("is missing").at(component)
            }
        }
        return nil
    }

    /// Same value: written alike reads alike; otherwise resolve both.
    private func sameScalar(_ a: YAMLNodeID, _ b: YAMLNodeID) throws(YAMLValueError) -> Bool {
        if before.isWrittenAlike(a, after, b) { return true }
        return try before.scalarValue(a).sameJSONValue(as: after.scalarValue(b))
    }

    private func describe(_ doc: YAMLDocument, _ id: YAMLNodeID) -> String {
        (try? doc.scalarValue(id)).map(\.description) ?? "an unreadable scalar"
    }
}
