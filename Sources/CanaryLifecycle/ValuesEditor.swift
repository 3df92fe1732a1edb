import KServeCanaryModel
import YAMLEditing
import YAMLReadBack
import YAMLScalars
import YAMLStream
import YAMLValues

/// Plans the surgical edits of one lifecycle operation on a values mapping and tracks the state
/// they lead to and the changes a read-back must find. Every edit is a scalar replaced in place,
/// one entry line inserted, or one entry's lines removed (`YAMLEditor`); anything the layout does
/// not allow becomes a `LifecycleError`.
struct ValuesEditor {
    let values: CanaryValues
    var editor: YAMLEditor
    /// The state after the planned edits.
    var after: CanaryState
    /// What the edited document must read back as, relative to the input.
    private(set) var changes: [ReadBack.Change] = []

    init(_ values: CanaryValues) {
        self.values = values
        editor = YAMLEditor(values.location.document)
        after = values.state
    }

    var document: YAMLDocument { values.location.document }

    /// Whether the model mapping is written in flow style (`{...}`), where plain scalars must avoid `,[]{}`.
    var modelIsFlow: Bool { values.model.map { document[$0].style == .flow } ?? false }

    private var valuesPath: [YAMLPathComponent] { values.location.path.map { .key($0) } }
    private var modelPath: [YAMLPathComponent] { valuesPath + ModelValues.modelPath.map { .key($0) } }

    /// Sets `primaryLoad`, always as a plain integer (kserve-general's schema wants one). A missing
    /// or null `primaryLoad` counts as the chart default 100: setting 100 then changes nothing, any
    /// other value is inserted as the first entry of the values.
    mutating func setPrimaryLoad(_ load: Int) throws(LifecycleError) {
        let current = values.state.primaryLoad
        if values.primaryLoadProblem == nil
            && (current == load || (current == nil && load == CanaryState.defaultPrimaryLoad))
        {
            return
        }
        after.primaryLoad = load
        changes.append(ReadBack.Change(valuesPath + [.key(ModelValues.primaryLoad)], .int(Int64(load))))
        let mapping = values.location.mapping
        if let entry = values.primaryLoad, !entry.isMerged {
            // The whole node, tag included: `!!str 60` must become a number.
            try attempt(ModelValues.primaryLoad) { (e: inout YAMLEditor) throws(YAMLEditError) in
                try e.replace(entry.written, with: String(load))
            }
        } else {
            // Absent, or merged in: a written entry must come after any merge key to win.
            let position: YAMLEntryPosition = values.primaryLoad == nil ? .first : .last
            try attempt(ModelValues.primaryLoad) { (e: inout YAMLEditor) throws(YAMLEditError) in
                try e.insertEntry(ModelValues.primaryLoad, valueText: String(load), into: mapping, at: position)
            }
        }
    }

    /// Sets `newStorageUri`: in place (keeping its quotes) when the key exists, else inserted right
    /// after `storageUri` (or last in the model mapping), quoted like `storageUri`.
    mutating func setNewStorageUri(_ uri: String) throws(LifecycleError) {
        after.newStorageUri = uri
        changes.append(ReadBack.Change(modelPath + [.key(ModelValues.newStorageUri)], .string(uri)))
        let siblingStyle = values.storageUri.map { document[$0.value].style } ?? .plain
        if let entry = values.newStorageUri, !entry.isMerged {
            let style = document.isNull(entry.value) ? siblingStyle : document[entry.value].style
            let text = YAMLScalarFormatter.string(uri, style: style, flow: modelIsFlow)
            try attempt(ModelValues.newStorageUri) { (e: inout YAMLEditor) throws(YAMLEditError) in
                try e.setValue(entry.written, to: text)
            }
            return
        }
        guard let model = values.model else {
            throw LifecycleError(
                .notFound, mark: document[values.location.mapping].mark,
                """
                the values have no inferenceservice.predictor.model mapping to add newStorageUri to; \
                add the model (with its storageUri) first
                """
            )
        }
        let text = YAMLScalarFormatter.string(uri, style: siblingStyle, flow: modelIsFlow)
        if modelIsFlow {
            try attempt(ModelValues.newStorageUri) { (e: inout YAMLEditor) throws(YAMLEditError) in
                try e.rewriteInFlowStyle(model, appending: [(ModelValues.newStorageUri, text)])
            }
            return
        }
        let position: YAMLEntryPosition
        if let storage = values.storageUri, !storage.isMerged, values.newStorageUri == nil {
            position = .after(key: storage.key)
        } else {
            position = .last
        }
        try attempt(ModelValues.newStorageUri) { (e: inout YAMLEditor) throws(YAMLEditError) in
            try e.insertEntry(ModelValues.newStorageUri, valueText: text, into: model, at: position)
        }
    }

    /// Removes the `newStorageUri` entry's lines (its trailing comment goes with it).
    mutating func removeNewStorageUri() throws(LifecycleError) {
        guard let entry = values.newStorageUri else { return }
        after.newStorageUri = nil
        changes.append(ReadBack.Change(modelPath + [.key(ModelValues.newStorageUri)], nil))
        try requireWritten(entry, "newStorageUri")
        let flowModel = modelIsFlow ? values.model : nil
        try attempt(ModelValues.newStorageUri) { (e: inout YAMLEditor) throws(YAMLEditError) in
            if let model = flowModel {
                // Entries of a `{...}` mapping share its line: the mapping is written again.
                try e.rewriteInFlowStyle(model, replacing: [entry.written: nil])
            } else {
                try e.removeEntry(key: entry.key, value: entry.written)
            }
        }
    }

    /// `storageUri := newStorageUri` and `newStorageUri` removed. With no `storageUri` entry, the
    /// `newStorageUri` key is renamed in place instead (one line changes).
    mutating func promoteNewStorageUri() throws(LifecycleError) {
        guard let uri = values.state.newStorageUri, let entry = values.newStorageUri else { return }
        after.storageUri = uri
        after.newStorageUri = nil
        changes.append(ReadBack.Change(modelPath + [.key(ModelValues.storageUri)], .string(uri)))
        changes.append(ReadBack.Change(modelPath + [.key(ModelValues.newStorageUri)], nil))
        try requireWritten(entry, "newStorageUri")
        if let storage = values.storageUri {
            try requireWritten(storage, "storageUri")
            let style = document.isNull(storage.value) ? document[entry.value].style : document[storage.value].style
            let text = YAMLScalarFormatter.string(uri, style: style, flow: modelIsFlow)
            if let model = values.model, modelIsFlow {
                // One rewrite of the `{...}` mapping: entries share its line.
                try attempt(ModelValues.newStorageUri) { (e: inout YAMLEditor) throws(YAMLEditError) in
                    try e.rewriteInFlowStyle(
                        model, replacing: [storage.written: text, entry.written: nil])
                }
                return
            }
            try attempt(ModelValues.storageUri) { (e: inout YAMLEditor) throws(YAMLEditError) in
                try e.setValue(storage.written, to: text)
            }
            try attempt(ModelValues.newStorageUri) { (e: inout YAMLEditor) throws(YAMLEditError) in
                try e.removeEntry(key: entry.key, value: entry.written)
            }
        } else {
            let text = YAMLScalarFormatter.string(
                ModelValues.storageUri, style: document[entry.key].style, flow: modelIsFlow)
            try attempt(ModelValues.newStorageUri) { (e: inout YAMLEditor) throws(YAMLEditError) in
                try e.replaceScalarContent(entry.key, with: text)
            }
        }
    }

    private func requireWritten(_ entry: YAMLEntry, _ key: String) throws(LifecycleError) {
        if entry.isMerged {
            throw LifecycleError(
                .layout, mark: document[entry.key].mark,
                """
                \(key) comes in through a << merge key, which cannot be removed in place; \
                write it out in the model mapping
                """
            )
        }
    }

    /// Runs one `YAMLEditor` operation, turning its refusal into a `LifecycleError` about `key`.
    private mutating func attempt(
        _ key: String,
        _ body: (inout YAMLEditor) throws(YAMLEditError) -> Void
    ) throws(LifecycleError) {
        do {
            try body(&editor)
        } catch {
            throw LifecycleError(.layout, mark: error.mark, "cannot edit \(key) in place: \(error.message)")
        }
    }
}
