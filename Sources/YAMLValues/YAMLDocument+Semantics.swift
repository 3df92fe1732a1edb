import YAMLScalars
import YAMLStream

/// One entry of a mapping as go-yaml v2 reads it: the key and value nodes that win.
public struct YAMLEntry: Sendable, Equatable {
    /// The winning key node (as written; an alias key is not resolved).
    public var key: YAMLNodeID
    /// The value node, aliases resolved.
    public var value: YAMLNodeID
    /// The value node as written: an alias, or `value` itself.
    public var written: YAMLNodeID
    /// Whether the entry comes in through a `<<` merge key rather than being written in the mapping.
    public var isMerged: Bool

    /// Written in this mapping, not merged in and not an alias: editing it changes only this entry.
    public var isDirect: Bool { !isMerged && written == value }
}

/// Reading a document's values the way go-yaml v2 decodes into `interface{}` and sigs.k8s.io/yaml
/// turns that into JSON (kubectl, Helm): scalars resolve with `YAMLScalarResolver`; in a mapping the
/// entries apply in order, so a repeated key's last value wins and a `<<` merge key sets the keys of
/// its mapping (or, for a list of mappings, of the earliest one that has the key) at its own
/// position, overriding earlier entries and overridden by later ones (go-yaml `decode.go`
/// `decoder.mapping`, `decoder.merge`); keys become JSON strings.
extension YAMLDocument {
    /// The value of scalar node `id` (aliases followed).
    /// - Throws: `YAMLValueError` for a collection, a scalar too long to keep, or a tag the text
    ///   cannot satisfy.
    public func scalarValue(_ id: YAMLNodeID) throws(YAMLValueError) -> YAMLScalar {
        let node = resolve(id)
        guard self[node].kind == .scalar else {
            throw YAMLValueError(
                mark: self[id].mark, documentNumber: number,
                message: "expected a scalar, found a \(self[node].kind == .mapping ? "mapping" : "list")")
        }
        guard let text = scalarText(node) else {
            var error = YAMLValueError(
                mark: self[id].mark, documentNumber: number,
                message: "a scalar over 64 KiB, longer than kserve-canary reads")
            error.isReaderLimit = true
            throw error
        }
        do {
            return try YAMLScalarResolver.resolve(text, style: self[node].style, tag: tag(node))
        } catch {
            throw YAMLValueError(mark: self[node].mark, documentNumber: number, message: error.message)
        }
    }

    /// Whether `id` (aliases followed) is a null scalar.
    public func isNull(_ id: YAMLNodeID) -> Bool {
        let node = resolve(id)
        guard self[node].kind == .scalar else { return false }
        return (try? scalarValue(node)) == .null
    }

    /// Whether key node `id` is a `<<` merge key, as go-yaml v2's `isMerge` decides (the text `<<`,
    /// implicit or tagged `!!merge`): plain and untagged, tagged `!!merge`, or tagged with the
    /// non-specific `!` in any style (libyaml reports that as implicit).
    public func isMergeKey(_ id: YAMLNodeID) -> Bool {
        let node = self[id]
        guard node.kind == .scalar, scalarTextEquals(id, [0x3C, 0x3C]) else { return false }
        if let tag = tag(id) { return tag == YAMLScalarResolver.tagPrefix + "merge" || tag == "!" }
        return node.style == .plain
    }

    /// The JSON key sigs.k8s.io/yaml makes of key node `id`: strings as they are, integers in
    /// decimal, booleans `true`/`false`, floats as Go's 32-bit `%g`.
    /// - Throws: `YAMLValueError` for collection, null and unsigned 64-bit keys, which kubectl refuses.
    public func jsonKey(_ id: YAMLNodeID) throws(YAMLValueError) -> String {
        let node = resolve(id)
        guard self[node].kind == .scalar else {
            throw YAMLValueError(mark: self[id].mark, documentNumber: number, message: "a mapping key must be a scalar")
        }
        switch try scalarValue(node) {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .float(let d): return GoFloat.format32(d)
        case .uint, .null:
            throw YAMLValueError(
                mark: self[id].mark, documentNumber: number,
                message:
                    """
                    unsupported mapping key \(contentText(node).isEmpty ? "null" : contentText(node)); \
                    use a string key
                    """
            )
        }
    }

    /// The entry of `key` in `mapping` (aliases followed), or nil when there is none.
    public func lookup(_ key: String, in mapping: YAMLNodeID) throws(YAMLValueError) -> YAMLEntry? {
        let m = resolve(mapping)
        guard self[m].kind == .mapping else { return nil }
        let matcher = KeyMatcher(key)
        return try find(matcher, in: m, merged: mapping != m, depth: 0)
    }

    /// Follows mapping keys from `node`; nil when a key is missing or a step is not a mapping.
    /// The entry's `isDirect` covers only the last step; `pathIsDirect(_:from:)` checks all of them.
    public func lookup(_ path: [String], from node: YAMLNodeID) throws(YAMLValueError) -> YAMLEntry? {
        var current = resolve(node)
        var last: YAMLEntry?
        for key in path {
            guard let entry = try lookup(key, in: current) else { return nil }
            last = entry
            current = entry.value
        }
        return last
    }

    /// Every entry of `mapping` as go-yaml reads it, keyed by JSON key, in order of first appearance.
    public func semanticEntries(_ mapping: YAMLNodeID) throws(YAMLValueError) -> [(key: String, entry: YAMLEntry)] {
        var order: [String] = []
        var entries: [String: YAMLEntry] = [:]
        try collect(resolve(mapping), merged: false, into: &order, &entries, depth: 0)
        return order.map { ($0, entries[$0]!) }
    }

    /// Keys written twice in one mapping of the subtree at `id` (equal as JSON keys, so one
    /// silently wins): (first, repeat) pairs. Merge keys are not counted.
    public func duplicateKeys(under id: YAMLNodeID) -> [(first: YAMLNodeID, duplicate: YAMLNodeID)] {
        var result: [(first: YAMLNodeID, duplicate: YAMLNodeID)] = []
        var keys: [YAMLNodeID] = []
        for n in id.position..<(id.position + subtreeSize(id)) where self[YAMLNodeID(n)].kind == .mapping {
            let m = YAMLNodeID(n)
            self.keys(of: m, into: &keys)
            guard keys.count > 1 else { continue }
            var allPlain = true
            var kept = 0
            for key in keys where !isMergeKey(key) {
                keys[kept] = key
                kept += 1
                if allPlain && !isPlainString(key) { allPlain = false }
            }
            keys.removeLast(keys.count - kept)
            if keys.count <= 32 && allPlain {
                // Plain string keys are equal exactly when written alike: compare bytes in place.
                for j in keys.indices.dropFirst() {
                    if let i = keys[..<j].firstIndex(where: { isWrittenAlike($0, self, keys[j]) }) {
                        result.append((keys[i], keys[j]))
                    }
                }
                continue
            }
            var seen: [String: YAMLNodeID] = [:]
            for key in keys {
                guard let text = try? jsonKey(key) else { continue }
                if let first = seen[text] { result.append((first, key)) } else { seen[text] = key }
            }
        }
        return result
    }

    // MARK: - Merge semantics

    private func find(_ matcher: KeyMatcher, in m: YAMLNodeID, merged: Bool, depth: Int) throws(YAMLValueError)
        -> YAMLEntry?
    {
        guard depth < 64 else {
            throw YAMLValueError(
                mark: self[m].mark, documentNumber: number, message: "merge keys nest more than 64 levels deep")
        }
        if matcher.onlyTextCanMatch, let entry = lastPlainEntry(matcher, in: m, merged: merged) {
            return entry
        }
        for (k, v) in entries(m).reversed() {
            if isMergeKey(k) {
                for source in try mergeSources(v) {
                    if let found = try find(matcher, in: source, merged: true, depth: depth + 1) { return found }
                }
            } else if try matcher.matches(k, in: self) {
                return YAMLEntry(key: k, value: resolve(v), written: v, isMerged: merged)
            }
        }
        return nil
    }

    /// `find` in a mapping without merge keys, for a key that only its own text can match: one
    /// pass in source order, nothing allocated; the last match wins. `.some(nil)`: no match; nil:
    /// the mapping has a merge key (then `find` applies the merge rules).
    private func lastPlainEntry(_ matcher: KeyMatcher, in m: YAMLNodeID, merged: Bool) -> YAMLEntry?? {
        var found: YAMLEntry?
        let plain = forEachEntry(m) { k, v in
            if isMergeKey(k) { return false }
            if (try? matcher.matches(k, in: self)) == true {
                found = YAMLEntry(key: k, value: resolve(v), written: v, isMerged: merged)
            }
            return true
        }
        return plain ? .some(found) : nil
    }

    private func collect(
        _ m: YAMLNodeID, merged: Bool, into order: inout [String], _ entries: inout [String: YAMLEntry],
        depth: Int
    ) throws(YAMLValueError) {
        guard depth < 64 else {
            throw YAMLValueError(
                mark: self[m].mark, documentNumber: number, message: "merge keys nest more than 64 levels deep")
        }
        for (k, v) in self.entries(m) {
            if isMergeKey(k) {
                // go-yaml applies a list of merged mappings backwards, so the earliest one wins.
                for source in try mergeSources(v).reversed() {
                    try collect(source, merged: true, into: &order, &entries, depth: depth + 1)
                }
                continue
            }
            let key = try jsonKey(k)
            if entries[key] == nil { order.append(key) }
            entries[key] = YAMLEntry(key: k, value: resolve(v), written: v, isMerged: merged)
        }
    }

    /// The mappings a `<<` value merges, in precedence order (earliest first). As go-yaml v2's
    /// `decoder.merge`: a mapping, an alias of a mapping, or a sequence written in place whose
    /// items are mappings or aliases of mappings (an alias of a sequence is refused).
    func mergeSources(_ value: YAMLNodeID) throws(YAMLValueError) -> [YAMLNodeID] {
        let v = resolve(value)
        switch self[v].kind {
        case .mapping:
            return [v]
        case .sequence where self[value].kind != .alias:
            var sources: [YAMLNodeID] = []
            for item in children(v) {
                let m = resolve(item)
                guard self[m].kind == .mapping else {
                    throw YAMLValueError(
                        mark: self[item].mark, documentNumber: number,
                        message: "map merge requires map or sequence of maps as the value")
                }
                sources.append(m)
            }
            return sources
        default:
            throw YAMLValueError(
                mark: self[value].mark, documentNumber: number,
                message: "map merge requires map or sequence of maps as the value")
        }
    }
}

/// Compares key nodes with one wanted JSON key without resolving every key: when the wanted key
/// is a string that a plain scalar would also read as itself, only a key with that exact text can
/// match, and it must read as a string.
struct KeyMatcher {
    let key: String
    let onlyTextCanMatch: Bool

    init(_ key: String) {
        self.key = key
        // A key of more than five bytes that starts with a letter is none of YAML 1.1's words
        // (`false`, `null`, `yes`, ...), so it reads as itself; others ask the resolver.
        if let first = key.utf8.first, key.utf8.count > 5, (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A {
            onlyTextCanMatch = true
        } else if case .string = YAMLScalarResolver.resolvePlain(key) {
            onlyTextCanMatch = true
        } else {
            onlyTextCanMatch = false
        }
    }

    func matches(_ k: YAMLNodeID, in doc: YAMLDocument) throws(YAMLValueError) -> Bool {
        let node = doc.resolve(k)
        guard doc[node].kind == .scalar else { return false }
        if onlyTextCanMatch {
            guard doc.scalarTextEquals(node, key) else { return false }
            if doc[node].style != .plain || doc.tag(node) != nil {
                return (try? doc.scalarValue(node))?.stringValue == key
            }
            return true
        }
        return try doc.jsonKey(node) == key
    }
}
