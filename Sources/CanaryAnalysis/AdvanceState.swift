import CanaryLifecycle
import YAMLStream

/// What `advance` remembers between runs, kept in the file itself so that a cluster rebuild, a
/// new CI runner or a revert in git loses nothing.
///
/// In a Flux HelmRelease: annotations on its metadata (`kserve-canary.io/canary`,
/// `kserve-canary.io/failures`, `kserve-canary.io/last-step`); helm-controller ignores metadata
/// changes, so recording a failure does not upgrade the release. In any other document (a plain
/// values file): the values key `canaryAnalysis` (`canary`, `failures`, `lastStep`), which
/// kserve-general accepts and ignores. The state belongs to the canary whose `newStorageUri`
/// it names; state recorded for another canary is stale and ignored.
public struct AdvanceState: Sendable, Equatable {
    /// The `newStorageUri` the state was recorded for.
    public var canary: String?
    /// Failed analyses of this canary so far.
    public var failures: Int
    /// When `advance` last moved this canary's traffic.
    public var lastStep: Instant?

    /// Creates a state.
    public init(canary: String? = nil, failures: Int = 0, lastStep: Instant? = nil) {
        self.canary = canary
        self.failures = failures
        self.lastStep = lastStep
    }

    /// No state recorded.
    public var isEmpty: Bool { canary == nil && failures == 0 && lastStep == nil }

    /// Annotation keys (HelmRelease) and values keys (`canaryAnalysis.*`), in written order.
    static let annotationKeys = ["kserve-canary.io/canary", "kserve-canary.io/failures", "kserve-canary.io/last-step"]
    static let valuesKeys = ["canary", "failures", "lastStep"]
    /// The values key holding the state in a plain values file.
    public static let valuesKey = "canaryAnalysis"
}

/// Reads and writes `AdvanceState` in the document of a `ValuesLocation`.
public struct AdvanceStateStore: @unchecked Sendable {
    /// Where the canary's values are.
    public let location: ValuesLocation
    var doc: YAMLDocument { location.document }

    /// A store for `location`'s document.
    public init(location: ValuesLocation) { self.location = location }

    /// Whether the state lives in annotations (a Flux HelmRelease) rather than in the values.
    public var usesAnnotations: Bool { location.release != nil }

    /// Where the state is, in words.
    public var placeDescription: String {
        usesAnnotations ? "metadata.annotations kserve-canary.io/*" : "values key \(AdvanceState.valuesKey)"
    }

    /// The mapping holding the state and the mapping that holds (or would hold) it, with the key
    /// and the state's keys there.
    func container() -> (parent: YAMLNodeID?, key: String, keys: [String]) {
        if usesAnnotations {
            let metadata = doc.value("metadata", in: doc.root!).flatMap { doc[$0].kind == .mapping ? $0 : nil }
            return (metadata, "annotations", AdvanceState.annotationKeys)
        }
        return (location.mapping, AdvanceState.valuesKey, AdvanceState.valuesKeys)
    }

    /// Reads the recorded state (empty when nothing is recorded).
    /// - Throws: when a recorded value is unreadable (fix or delete it by hand).
    public func read() throws(AnalysisError) -> AdvanceState {
        let (parent, key, keys) = container()
        guard let parent, let holder = doc.value(key, in: parent), doc[holder].kind == .mapping else { return AdvanceState() }
        var state = AdvanceState()
        func text(_ name: String) throws(AnalysisError) -> (String, YAMLMark)? {
            guard let entry = doc.entry(name, in: holder) else { return nil }
            let value = doc.resolve(entry.value)
            if doc.isNull(value) { return nil }
            guard let s = doc.scalar(value) else {
                throw .file(LifecycleError(.invalidValue, mark: doc[value].mark, "\(name) must be a string; fix or delete it"))
            }
            return (s, doc[value].mark)
        }
        state.canary = try text(keys[0])?.0
        if let (s, mark) = try text(keys[1]) {
            guard let n = Int(s), n >= 0 else {
                throw .file(LifecycleError(.invalidValue, mark: mark, "\(keys[1]) must be a whole number of failures, found `\(s)`; fix or delete it"))
            }
            state.failures = n
        }
        if let (s, mark) = try text(keys[2]) {
            guard let t = Instant(parsing: s) else {
                throw .file(LifecycleError(.invalidValue, mark: mark, "\(keys[2]) must be an RFC 3339 time, found `\(s)`; fix or delete it"))
            }
            state.lastStep = t
        }
        return state
    }

    /// The texts of `state`'s values, in key order (nil: not written).
    func texts(_ state: AdvanceState) -> [String?] {
        let q = YAMLScalarFormatter.doubleQuoted
        return [state.canary.map(q),
                usesAnnotations ? q(String(state.failures)) : String(state.failures),
                state.lastStep.map { q($0.rfc3339) }]
    }

    /// Edits that make the document hold `state` (empty `state`: remove what is recorded).
    public func edits(for state: AdvanceState) throws(AnalysisError) -> [ByteEdit] {
        let (parentIndex, key, keys) = container()
        guard let parent = parentIndex else {
            throw .file(LifecycleError(.invalidValue, mark: doc[doc.root!].mark, "the HelmRelease has no metadata mapping to record the analysis state in"))
        }
        var editor = YAMLEditor(doc)
        let wanted = state.isEmpty ? [String?](repeating: nil, count: keys.count) : texts(state)
        do throws(YAMLEditError) {
            guard let entry = doc.entry(key, in: parent) else {
                let entries = zip(keys, wanted).compactMap { k, v in v.map { (key: YAMLScalarFormatter.string(k), valueText: $0) } }
                if !entries.isEmpty { try editor.insertBlockEntry(key, entries: entries, into: parent, at: .last) }
                return editor.edits
            }
            let holder = doc.resolve(entry.value)
            let present = zip(keys, wanted).map { k, v in (k, v, doc.entry(k, in: holder)) }
            if doc.isNull(holder) || (doc[holder].kind == .mapping && doc.entries(holder).isEmpty) {
                let pairs = present.compactMap { k, v, _ in v.map { JSONText.quote(k) + ": " + $0 } }
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
                    if let existing { replacing[existing.value] = .some(v) } else if let v { appending.append((JSONText.quote(k), v)) }
                }
                try editor.replace(entry.value, with: try editor.flowText(holder, replacing: replacing, appending: appending))
                return editor.edits
            }
            for (k, v, existing) in present {
                switch (existing, v) {
                case (let e?, let v?): if doc.sourceText(e.value) != v { try editor.replaceScalarContent(e.value, with: v) }
                case (let e?, nil): try editor.removeEntry(key: e.key, value: e.value)
                case (nil, let v?): try editor.insertEntry(YAMLScalarFormatter.string(k), valueText: v, into: holder, at: .last)
                case (nil, nil): break
                }
            }
        } catch {
            throw .file(LifecycleError(.invalidValue, mark: error.mark, "cannot record the analysis state in \(key): \(error.message)"))
        }
        return editor.edits
    }
}
