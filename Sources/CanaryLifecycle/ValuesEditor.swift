import YAMLStream

/// Plans the surgical edits of one lifecycle operation on a values mapping and tracks the state
/// they lead to. Every edit is a scalar replaced in place, one entry line inserted, or one entry's
/// lines removed (`YAMLEditor`); anything the layout does not allow becomes a `LifecycleError`.
struct ValuesEditor {
    let values: CanaryValues
    var editor: YAMLEditor
    /// The state after the planned edits.
    var after: CanaryState

    init(_ values: CanaryValues) {
        self.values = values
        editor = YAMLEditor(values.location.document)
        after = values.state
    }

    var document: YAMLDocument { values.location.document }

    /// Whether the model mapping is written in flow style (`{...}`), where plain scalars must avoid `,[]{}`.
    var modelIsFlow: Bool { values.model.map { document[$0].style == .flow } ?? false }

    /// Sets `primaryLoad`, always as a plain integer: kserve-general's schema wants an integer, so a
    /// quoted `"60"` is not kept quoted. A missing (or null) `primaryLoad` counts as the chart
    /// default 100: setting 100 then changes nothing, any other value is inserted as the first
    /// entry of the values.
    mutating func setPrimaryLoad(_ load: Int) throws(LifecycleError) {
        defer { after.primaryLoad = values.state.primaryLoad == nil && load == CanaryState.defaultPrimaryLoad ? nil : load }
        if values.state.primaryLoad == load && !values.primaryLoadIsQuoted { return }
        if let entry = values.primaryLoad {
            if values.state.primaryLoad == nil && load == CanaryState.defaultPrimaryLoad { return }
            try attempt("primaryLoad") { (e: inout YAMLEditor) throws(YAMLEditError) in
                try e.setValue(entry.value, to: String(load))
            }
        } else {
            if load == CanaryState.defaultPrimaryLoad { return }
            let mapping = values.location.mapping
            try attempt("primaryLoad") { (e: inout YAMLEditor) throws(YAMLEditError) in
                try e.insertEntry("primaryLoad", valueText: String(load), into: mapping, at: .first)
            }
        }
    }

    /// Sets `newStorageUri`: in place (keeping its quotes) when the key exists, else inserted right
    /// after `storageUri` (or last in the model mapping), quoted like `storageUri`.
    mutating func setNewStorageUri(_ uri: String) throws(LifecycleError) {
        after.newStorageUri = uri
        let siblingStyle = values.storageUri.map { document[$0.value].style } ?? .plain
        if let entry = values.newStorageUri {
            let node = document[entry.value]
            let style = document.isNull(document.resolve(entry.value)) ? siblingStyle : node.style
            let text = YAMLScalarFormatter.string(uri, style: style, flow: modelIsFlow)
            try attempt("newStorageUri") { (e: inout YAMLEditor) throws(YAMLEditError) in
                try e.setValue(entry.value, to: text)
            }
            return
        }
        guard let model = values.model else {
            throw LifecycleError(mark: document[values.location.mapping].mark,
                                 message: "the values have no inferenceservice.predictor.model mapping to add newStorageUri to; add the model (with its storageUri) first")
        }
        let text = YAMLScalarFormatter.string(uri, style: siblingStyle, flow: modelIsFlow)
        let position: YAMLEntryPosition = values.storageUri.map { .after(key: $0.key) } ?? .last
        try attempt("newStorageUri") { (e: inout YAMLEditor) throws(YAMLEditError) in
            try e.insertEntry("newStorageUri", valueText: text, into: model, at: position)
        }
    }

    /// Removes the `newStorageUri` entry's lines (its trailing comment goes with it).
    mutating func removeNewStorageUri() throws(LifecycleError) {
        guard let entry = values.newStorageUri else { return }
        after.newStorageUri = nil
        try attempt("newStorageUri") { (e: inout YAMLEditor) throws(YAMLEditError) in
            try e.removeEntry(key: entry.key, value: entry.value)
        }
    }

    /// `storageUri := newStorageUri` and `newStorageUri` removed. With no `storageUri` entry, the
    /// `newStorageUri` key is renamed in place instead (one line changes).
    mutating func promoteNewStorageUri() throws(LifecycleError) {
        guard let uri = values.state.newStorageUri, let entry = values.newStorageUri else { return }
        after.storageUri = uri
        after.newStorageUri = nil
        if let storage = values.storageUri {
            let style = document.isNull(document.resolve(storage.value)) ? document[entry.value].style : document[storage.value].style
            let text = YAMLScalarFormatter.string(uri, style: style, flow: modelIsFlow)
            try attempt("storageUri") { (e: inout YAMLEditor) throws(YAMLEditError) in
                try e.setValue(storage.value, to: text)
            }
            try attempt("newStorageUri") { (e: inout YAMLEditor) throws(YAMLEditError) in
                try e.removeEntry(key: entry.key, value: entry.value)
            }
        } else {
            let text = YAMLScalarFormatter.string("storageUri", style: document[entry.key].style, flow: modelIsFlow)
            try attempt("newStorageUri") { (e: inout YAMLEditor) throws(YAMLEditError) in
                try e.replaceScalarContent(entry.key, with: text)
            }
        }
    }

    /// Runs one `YAMLEditor` operation, turning its refusal into a `LifecycleError` about `key`.
    private mutating func attempt(_ key: String,
                                  _ body: (inout YAMLEditor) throws(YAMLEditError) -> Void) throws(LifecycleError) {
        do {
            try body(&editor)
        } catch {
            throw LifecycleError(mark: error.mark, message: "cannot edit \(key) in place: \(error.message)")
        }
    }
}
