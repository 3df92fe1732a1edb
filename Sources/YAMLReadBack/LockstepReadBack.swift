import YAMLScalars
import YAMLSource
import YAMLStream
import YAMLValues

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The read-back's fast path: the output's libyaml events are compared with the input document's
/// nodes as they stream by, without building a second document.
///
/// Outside the changed paths every event must be written exactly like the input node in the same
/// place (kind, style, tag, anchor, text), which reads alike; along a changed path, mappings are
/// matched key by key in source order, a changed value must read as the expected one, a removed
/// entry must be gone and an added one present. The answer is "reads back as intended" or "not
/// sure": anything unusual (aliases, merge keys, keys that are not plain strings, reordered keys,
/// tags or mappings in a changed value, what kubectl's reading might tell apart) is not sure, and
/// then `ReadBack` builds both documents and compares them by meaning, which finds and names the
/// difference. So this path can only ever say yes when the full comparison would.
struct LockstepReadBack {
    private let before: YAMLDocument
    /// The input node the output's root stands for (the document's root, or the mapping of a
    /// `ReadBackRegion`).
    private let root: YAMLNodeID
    private let rootChanges: ChangeTree?
    private let questionHint: Bool
    /// The input node the next event must be written like, in an unchanged subtree, or the next
    /// key of a changed mapping.
    private var next = 0
    private var frames: [Frame] = []
    private var collector: Collector?
    private var flowDepth = 0
    private var documents = 0
    private var rootSeen = false

    /// The changes of the mappings along changed paths, by `Frame.changes`.
    private var trees: [ChangeTree] = []

    /// What the value after a key of a changed mapping is.
    private enum Pending {
        case lockstep
        /// A mapping along a changed path: `trees[i]`.
        case descend(Int)
        /// A changed value: the expected value of child `i` of the frame's changes.
        case collect(Int)
    }

    /// An open collection (plain values only: frames are copied for every event).
    private struct Frame {
        var isFlow: Bool
        /// One past the input collection's subtree.
        var end: Int
        /// In a mapping along a changed path, its changes (`trees[changes]`): its entries are
        /// matched key by key. -1 elsewhere.
        var changes: Int
        /// The frame's change children met so far, one bit each.
        var seen: UInt64 = 0
        var expectingKey = true
        var pending = Pending.lockstep
    }

    /// A changed value being read from the events, to compare with the expected one.
    private struct Collector {
        var expected: YAMLValue
        var lists: [[YAMLValue]] = []
        var flows: [Bool] = []
    }

    /// Whether `output` (one document) reads as node `root` of `before` (its whole document, or
    /// the mapping of a `ReadBackRegion`) with `changes`. False means "not sure".
    static func readsAlike(_ output: SourceBuffer, _ before: YAMLDocument, root: YAMLNodeID, changes: ChangeTree)
        -> Bool
    {
        // A scalar too long to keep cannot be compared; the full comparison says what to do.
        guard !before.hasAliases, !before.hasUndefinedAlias, !before.hasTruncatedScalar, before.root != nil else {
            return false
        }
        let whole = 0..<output.count
        if output.count >= 2, (output[0] == 0xFF && output[1] == 0xFE) || (output[0] == 0xFE && output[1] == 0xFF) {
            return false
        }
        let hints = KubectlSeparators.scalarHints(in: output, range: whole)
        guard !hints.slashEscape, KubectlSeparators.problems(in: output, range: whole, limit: 1).isEmpty else {
            return false
        }
        let plain = changes.expected == nil && changes.children.isEmpty
        var lockstep = LockstepReadBack(
            before: before, root: root, rootChanges: plain ? nil : changes, questionHint: hints.questionMark)
        let ended = output.withParsedBytes(whole) { bytes in
            YAMLEventReader.read(bytes) { event in lockstep.accept(event) }
        }
        return ended && lockstep.documents == 1 && lockstep.rootSeen
    }

    private init(before: YAMLDocument, root: YAMLNodeID, rootChanges: ChangeTree?, questionHint: Bool) {
        self.before = before
        self.root = root
        self.rootChanges = rootChanges
        self.questionHint = questionHint
    }

    private mutating func accept(_ event: borrowing YAMLEvent) -> Bool {
        switch event.kind {
        case .streamStart:
            return true
        case .documentStart:
            documents += 1
            return documents == 1 && !event.hasDirectives && (!event.isExplicitStart || event.characterIndex == 0)
        case .documentEnd, .streamEnd:
            return frames.isEmpty && collector == nil && rootSeen
        case .alias:
            return false
        case .sequenceEnd, .mappingEnd:
            return collector != nil ? collect(event) : close()
        case .scalar, .sequenceStart, .mappingStart:
            if questionHint, flowDepth > 0, event.kind == .scalar, event.style == .plain,
                event.value.count > 0, memchr(event.value.baseAddress!, 0x3F, event.value.count) != nil
            {
                return false
            }
            if collector != nil { return collect(event) }
            let f = frames.count - 1
            guard f >= 0 else {
                guard !rootSeen else { return false }
                rootSeen = true
                return begin(event, at: root.position, changes: rootChanges)
            }
            let changes = frames[f].changes
            guard changes >= 0 else { return begin(event, at: next, changes: nil) }
            if frames[f].expectingKey { return key(event, frame: f, changes: changes) }
            frames[f].expectingKey = true
            switch frames[f].pending {
            case .lockstep: return begin(event, at: next, changes: nil)
            case .descend(let tree): return begin(event, at: next, changes: trees[tree])
            case .collect(let child):
                guard case .some(.some(let expected)) = trees[changes].children[child].tree.expected else {
                    return false
                }
                collector = Collector(expected: expected)
                return collect(event)
            }
        }
    }

    /// An event that must be written like input node `i` (or, along a changed path, be the
    /// mapping node `i` whose entries are then matched key by key).
    private mutating func begin(_ event: borrowing YAMLEvent, at i: Int, changes: ChangeTree?) -> Bool {
        guard i < (frames.last?.end ?? before.nodeCount), before.isWrittenAlike(YAMLNodeID(i), event) else {
            return false
        }
        let node = before[YAMLNodeID(i)]
        next = i + 1
        guard node.isCollection else { return changes == nil }
        let flow = node.style == .flow
        if flow { flowDepth += 1 }
        var index = -1
        if let changes {
            guard node.kind == .mapping, changes.expected == nil, changes.children.count <= 64,
                changes.children.allSatisfy({ if case .key = $0.component { true } else { false } })
            else { return false }
            index = trees.count
            trees.append(changes)
        }
        frames.append(Frame(isFlow: flow, end: i + before.subtreeSize(YAMLNodeID(i)), changes: index))
        return true
    }

    /// A key of a mapping along a changed path (`frames[f]`, its changes `trees[t]`).
    private mutating func key(_ event: borrowing YAMLEvent, frame f: Int, changes t: Int) -> Bool {
        guard event.kind == .scalar, event.tag.isEmpty, event.anchor.isEmpty,
            event.style != .plain || YAMLScalarResolver.isPlainString(event.value),
            !(event.value.count == 2 && event.value[0] == 0x3C && event.value[1] == 0x3C)
        else { return false }
        // Entries the changes remove may be gone from the output: skip them in the input.
        var matched = false
        while next < frames[f].end {
            let inputKey = YAMLNodeID(next)
            if before.isWrittenAlike(inputKey, event) {
                matched = true
                break
            }
            guard let c = removal(inputKey, changes: t, seen: frames[f].seen) else { break }
            frames[f].seen |= 1 << c
            next = skipEntry(at: next)
        }
        let change = trees[t].childIndex(matching: event.value)
        if let c = change {
            guard frames[f].seen & (1 << c) == 0 else { return false }
            frames[f].seen |= 1 << c
        }
        let expected = change.map { trees[t].children[$0].tree.expected }
        if matched {
            next += 1
            switch expected {
            case .none:
                frames[f].pending = .lockstep
            case .some(.some(.some(_))):
                next += before.subtreeSize(YAMLNodeID(next))
                frames[f].pending = .collect(change!)
            case .some(.some(.none)):
                return false
            case .some(.none):
                frames[f].pending = .descend(trees.count)
                trees.append(trees[t].children[change!].tree)
            }
        } else {
            guard case .some(.some(.some(_))) = expected else { return false }
            frames[f].pending = .collect(change!)
        }
        frames[f].expectingKey = false
        return true
    }

    /// The change child (index) that removes the entry of input key `key`, if not met yet.
    private func removal(_ key: YAMLNodeID, changes t: Int, seen: UInt64) -> Int? {
        guard before.isPlainString(key), let c = trees[t].childIndex(matching: key, in: before),
            seen & (1 << c) == 0, case .some(.none) = trees[t].children[c].tree.expected
        else { return nil }
        return c
    }

    /// The node after the entry whose key is node `key`.
    private func skipEntry(at key: Int) -> Int {
        let value = key + before.subtreeSize(YAMLNodeID(key))
        return value + before.subtreeSize(YAMLNodeID(value))
    }

    /// The end of a collection outside a changed value.
    private mutating func close() -> Bool {
        guard let frame = frames.popLast() else { return false }
        if frame.isFlow { flowDepth -= 1 }
        guard frame.changes >= 0 else { return next == frame.end }
        guard frame.expectingKey else { return false }
        var seen = frame.seen
        while next < frame.end {
            guard let c = removal(YAMLNodeID(next), changes: frame.changes, seen: seen) else { return false }
            seen |= 1 << c
            next = skipEntry(at: next)
        }
        // A change not met must be a removal of what was not there.
        for (c, child) in trees[frame.changes].children.enumerated() where seen & (1 << c) == 0 {
            guard case .some(.none) = child.tree.expected else { return false }
        }
        return true
    }

    /// An event of a changed value: scalars and lists of them, untagged, are read; anything else
    /// is left to the full comparison.
    private mutating func collect(_ event: borrowing YAMLEvent) -> Bool {
        guard event.tag.isEmpty, event.anchor.isEmpty, var c = collector else { return false }
        var done: YAMLValue?
        switch event.kind {
        case .scalar:
            guard
                let scalar = try? YAMLScalarResolver.resolve(
                    String(decoding: event.value, as: UTF8.self), style: event.style, tag: nil)
            else { return false }
            if c.lists.isEmpty {
                done = YAMLValue(scalar)
            } else {
                c.lists[c.lists.count - 1].append(YAMLValue(scalar))
            }
        case .sequenceStart:
            c.lists.append([])
            c.flows.append(event.style == .flow)
            if event.style == .flow { flowDepth += 1 }
        case .sequenceEnd:
            guard let items = c.lists.popLast(), let flow = c.flows.popLast() else { return false }
            if flow { flowDepth -= 1 }
            if c.lists.isEmpty { done = .list(items) } else { c.lists[c.lists.count - 1].append(.list(items)) }
        default:
            return false
        }
        guard let value = done else {
            collector = c
            return true
        }
        collector = nil
        return value == c.expected
    }
}
