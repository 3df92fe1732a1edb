import CanaryAnalysis
import CanaryLifecycle
import CanaryQueries
import KServeCanaryModel
import YAMLEditing
import YAMLScalars
import YAMLStream

/// Reads and writes `AdvanceState` in the document of a `ValuesLocation`: the HelmRelease's
/// annotations, or the `canaryAnalysis` key of a plain values file.
public struct AdvanceStateStore: Sendable {
    /// Where the canary's values are.
    public let location: ValuesLocation
    var doc: YAMLDocument { location.document }

    /// A store for `location`'s document.
    public init(location: ValuesLocation) { self.location = location }

    /// Whether the state lives in annotations (a Flux HelmRelease) rather than in the values.
    public var usesAnnotations: Bool { location.release != nil }

    /// Where the state is, in words.
    public var placeDescription: String {
        usesAnnotations ? "metadata.annotations kserve-canary.io/*" : "values key \(CanaryAnalysisKeys.valuesKey)"
    }

    /// The mapping that holds (or would hold) the state mapping, the state mapping's key there,
    /// and the state's keys in it (canary, failures, last step).
    func container() -> (parent: YAMLNodeID?, key: String, keys: [String]) {
        if usesAnnotations {
            let metadata = doc.root.flatMap { doc.value("metadata", in: $0) }.flatMap {
                doc[$0].kind == .mapping ? $0 : nil
            }
            return (metadata, "annotations", CanaryAnalysisKeys.annotations)
        }
        return (location.mapping, CanaryAnalysisKeys.valuesKey, CanaryAnalysisKeys.valuesFields)
    }

    /// Reads the recorded state (empty when nothing is recorded).
    /// - Throws: when a recorded value is unreadable (fix or delete it by hand).
    public func read() throws(AnalysisError) -> AdvanceState {
        let (parent, key, keys) = container()
        guard let parent, let holder = doc.value(key, in: parent), doc[holder].kind == .mapping else {
            return AdvanceState()
        }
        func invalid(_ mark: YAMLMark, _ message: String) -> AnalysisError {
            .file(LifecycleError(.invalidValue, mark: mark, message + "; fix or delete it"))
        }
        func text(_ name: String) throws(AnalysisError) -> (String, YAMLMark)? {
            guard let entry = doc.entry(name, in: holder) else { return nil }
            let value = doc.resolve(entry.value)
            if doc.isNull(value) { return nil }
            guard let s = doc.scalar(value) else { throw invalid(doc[value].mark, "\(name) must be a string") }
            return (s, doc[value].mark)
        }
        var state = AdvanceState()
        state.canary = try text(keys[0])?.0
        if let (s, mark) = try text(keys[1]) {
            guard let n = Int(s), n >= 0 else {
                throw invalid(mark, "\(keys[1]) must be a whole number of failures, found `\(s)`")
            }
            state.failures = n
        }
        if let (s, mark) = try text(keys[2]) {
            guard let t = Instant(parsing: s) else {
                throw invalid(mark, "\(keys[2]) must be an RFC 3339 time, found `\(s)`")
            }
            state.lastStep = t
        }
        return state
    }

    /// The texts of `state`'s values, in key order (nil: not written). Annotation values are
    /// strings, so the failure count is quoted there.
    func texts(_ state: AdvanceState) -> [String?] {
        let q = YAMLScalarFormatter.doubleQuoted
        return [
            state.canary.map(q),
            usesAnnotations ? q(String(state.failures)) : String(state.failures),
            state.lastStep.map { q($0.rfc3339) },
        ]
    }

    /// Edits that make the document hold `state` (empty `state`: remove what is recorded).
    public func edits(for state: AdvanceState) throws(AnalysisError) -> [ByteEdit] {
        let (parentIndex, key, keys) = container()
        guard let parent = parentIndex else {
            throw .file(
                LifecycleError(
                    .layout, mark: doc.root.map { doc[$0].mark },
                    "the HelmRelease has no metadata mapping to record the analysis state in"))
        }
        let wanted = state.isEmpty ? [String?](repeating: nil, count: keys.count) : texts(state)
        do throws(YAMLEditError) {
            return try StateEditor(doc: doc, key: key, keys: keys).edits(wanted, in: parent)
        } catch {
            throw .file(
                LifecycleError(
                    .layout, mark: error.mark,
                    "cannot record the analysis state in \(key): \(error.message)"))
        }
    }
}

/// The minimal edits that make mapping `key` of a parent mapping hold the wanted values of `keys`
/// (nil: absent), in whatever style the mapping is written: added as a block, a flow mapping
/// rewritten, entries replaced, added or removed, the mapping removed when nothing is left.
struct StateEditor {
    let doc: YAMLDocument
    let key: String
    let keys: [String]

    func edits(_ wanted: [String?], in parent: YAMLNodeID) throws(YAMLEditError) -> [ByteEdit] {
        var editor = YAMLEditor(doc)
        let quote = YAMLScalarFormatter.doubleQuoted
        guard let entry = doc.entry(key, in: parent) else {
            let entries = zip(keys, wanted).compactMap { k, v in
                v.map { (key: YAMLScalarFormatter.string(k), valueText: $0) }
            }
            if !entries.isEmpty { try editor.insertBlockEntry(key, entries: entries, into: parent, at: .last) }
            return editor.edits
        }
        let holder = doc.resolve(entry.value)
        let present = zip(keys, wanted).map { k, v in (k, v, doc.entry(k, in: holder)) }
        if doc.isNull(holder) || (doc[holder].kind == .mapping && doc.entries(holder).isEmpty) {
            let pairs = present.compactMap { k, v, _ in v.map { quote(k) + ": " + $0 } }
            if !pairs.isEmpty { try editor.replace(entry.value, with: "{" + pairs.joined(separator: ", ") + "}") }
            return editor.edits
        }
        guard doc[holder].kind == .mapping else {
            throw YAMLEditError(mark: doc[holder].mark, message: "\(key) is not a mapping")
        }
        let others = doc.entries(holder).count - present.filter { $0.2 != nil }.count
        if wanted.allSatisfy({ $0 == nil }) && others == 0 {
            try editor.removeEntry(key: entry.key, value: entry.value)
            return editor.edits
        }
        if doc[holder].style == .flow {
            var replacing: [YAMLNodeID: String?] = [:]
            var appending: [(key: String?, value: String)] = []
            for (k, v, existing) in present {
                if let existing {
                    replacing[existing.value] = .some(v)
                } else if let v {
                    appending.append((quote(k), v))
                }
            }
            let text = try editor.flowText(holder, replacing: replacing, appending: appending)
            try editor.replace(entry.value, with: text)
            return editor.edits
        }
        for (k, v, existing) in present {
            switch (existing, v) {
            case (let e?, let v?):
                if doc.sourceText(e.value) != v { try editor.replaceScalarContent(e.value, with: v) }
            case (let e?, nil):
                try editor.removeEntry(key: e.key, value: e.value)
            case (nil, let v?):
                try editor.insertEntry(YAMLScalarFormatter.string(k), valueText: v, into: holder, at: .last)
            case (nil, nil): break
            }
        }
        return editor.edits
    }
}
