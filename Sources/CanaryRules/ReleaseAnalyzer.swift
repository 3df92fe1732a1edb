import YAMLStream

/// Applies the per-release rules to a `<name>-primary`/`<name>-canary` HelmRelease:
/// model name in `args`, storage URIs, `newStorageUri` removed.
struct ReleaseAnalyzer {
    static let modelPath = ["spec", "values", "inferenceservice", "predictor", "model"]

    let doc: YAMLDocument
    let identity: DocumentIdentity
    let variant: Variant
    let group: GroupKey

    func analyze() -> ReleaseFacts {
        var facts = ReleaseFacts(
            documentNumber: doc.number, identity: identity, variant: variant, group: group,
            chart: doc.value(at: ["spec", "chart", "spec", "chart"], from: identity.root).flatMap { doc.scalar($0) },
            storageUri: nil, newStorageUri: nil, finalStorageUri: nil, storageMark: identity.nameMark, newStorageMark: nil,
            edits: [], diagnostics: [])
        func fail(_ mark: YAMLMark, _ message: String) {
            facts.diagnostics.append(Diagnostic(mark: mark, documentNumber: doc.number, subject: identity.subject, message: message))
        }

        // Walk to spec.values.inferenceservice.predictor.model, naming the first missing step.
        var node = identity.root
        var path = ""
        for key in Self.modelPath {
            let here = path.isEmpty ? key : path + "." + key
            guard let entry = doc.entry(key, in: node) else {
                let hint = variant == .canary
                    ? "a canary needs \(here) with storageUri and newStorageUri"
                    : "the post-renderer sets the model name there; put the model values in spec.values (valuesFrom is invisible to a post-renderer; see `kserve-canary flux postrenderers`)"
                fail(doc[node].mark, "\(here) is missing; \(hint)")
                return facts
            }
            if doc[entry.value].kind == .alias {
                fail(doc[entry.value].mark, "\(here) is an alias (*\(doc.aliasName(entry.value) ?? "")); the post-renderer does not edit through aliases, write the value out")
                return facts
            }
            guard doc[entry.value].kind == .mapping else {
                fail(doc[entry.value].mark, "\(here) must be a mapping, found \(describe(entry.value))")
                return facts
            }
            node = entry.value
            path = here
        }
        let model = node
        facts.storageMark = doc[model].mark
        var editor = YAMLEditor(doc)
        var flowReplacing: [Int: String?] = [:]
        var flowAppending: [(key: String?, value: String)] = []
        let isFlow = doc[model].style == .flow

        func stringValue(_ key: String) -> (key: Int, value: Int, text: String)? {
            guard let entry = doc.entry(key, in: model) else { return nil }
            let v = entry.value
            guard doc[v].kind == .scalar, !doc.isNull(v), let text = doc.scalar(v) else {
                if doc.isNull(v) { return (entry.key, v, "") }
                fail(doc[v].mark, "\(path).\(key) must be a string (a model URI), found \(describe(v))")
                return nil
            }
            return (entry.key, v, text)
        }
        let storage = stringValue("storageUri")
        let newStorage = stringValue("newStorageUri")
        if let storage { facts.storageMark = doc[storage.value].mark }
        facts.storageUri = storage?.text
        facts.newStorageUri = newStorage.flatMap { $0.text.isEmpty ? nil : $0.text }
        facts.finalStorageUri = facts.storageUri

        do throws(YAMLEditError) {
            // Rule 2: storage URIs.
            if let newStorage {
                if variant == .canary {
                    guard !newStorage.text.isEmpty else {
                        fail(doc[newStorage.value].mark, "\(path).newStorageUri is empty; set it to the new model's URI or remove the canary release")
                        return facts
                    }
                    facts.newStorageMark = doc[newStorage.value].mark
                    facts.finalStorageUri = newStorage.text
                    let uriText = scalarText(newStorage.value, flow: isFlow)
                    if let storage {
                        if isFlow { flowReplacing[storage.value] = .some(uriText); flowReplacing[newStorage.value] = .some(nil) }
                        else {
                            try editor.replace(storage.value, with: uriText)
                            try editor.removeEntry(key: newStorage.key, value: newStorage.value)
                        }
                    } else if isFlow {
                        flowReplacing[newStorage.value] = .some(nil)
                        flowAppending.append(("storageUri", uriText))
                    } else {
                        try editor.replace(newStorage.key, with: "storageUri")
                    }
                } else if isFlow {
                    flowReplacing[newStorage.value] = .some(nil)
                } else {
                    try editor.removeEntry(key: newStorage.key, value: newStorage.value)
                }
            }

            // Rule 1: exactly one trailing --model_name=<name>.
            let modelName = group.name
            if let args = doc.entry("args", in: model) {
                let a = args.value
                var items: [String] = []
                var itemNodes: [Int] = []
                if doc[a].kind == .sequence {
                    for item in doc.children(a) {
                        guard doc[item].kind == .scalar, let text = doc.scalar(item) else {
                            fail(doc[item].mark, "\(path).args must be a list of strings, found \(describe(item))")
                            return facts
                        }
                        items.append(text)
                        itemNodes.append(item)
                    }
                } else if !doc.isNull(a) {
                    fail(doc[a].mark, "\(path).args must be a list of strings, found \(describe(a))")
                    return facts
                }
                let plan = ModelArgsPlan(items: items, modelName: modelName)
                let argument = YAMLScalarFormatter.string(plan.modelNameArgument, flow: true)
                if !plan.isSatisfied {
                    if doc[a].kind == .sequence && doc[a].style == .block && !items.isEmpty && !isFlow {
                        if let last = plan.rewriteLast {
                            try editor.replace(itemNodes[last], with: argument)
                        } else {
                            for index in plan.dropped.sorted() { try editor.removeItem(itemNodes[index]) }
                            try editor.appendItem(to: a, itemText: argument)
                        }
                    } else {
                        var replacing: [Int: String?] = [:]
                        for index in plan.dropped { replacing[itemNodes[index]] = .some(nil) }
                        let text = doc[a].kind == .sequence
                            ? try editor.flowText(a, replacing: replacing, appending: [(nil, argument)])
                            : "[" + argument + "]"
                        if isFlow { flowReplacing[a] = .some(text) } else { try editor.replace(a, with: text) }
                    }
                }
            } else {
                let text = "[" + YAMLScalarFormatter.string("--model_name=" + modelName, flow: true) + "]"
                if isFlow { flowAppending.append(("args", text)) }
                else { try editor.appendEntry(to: model, key: "args", valueText: text) }
            }

            if isFlow && (!flowReplacing.isEmpty || !flowAppending.isEmpty) {
                try editor.replace(model, with: try editor.flowText(model, replacing: flowReplacing, appending: flowAppending))
            }
        } catch {
            fail(error.mark, "cannot edit \(path) in place: \(error.message); write it as a plain block mapping")
            return facts
        }
        facts.edits = editor.edits
        return facts
    }

    /// The source text of a single-line scalar (keeps its quoting), else a freshly quoted string.
    func scalarText(_ index: Int, flow: Bool) -> String {
        let node = doc[index]
        let text = doc.contentText(index)
        let singleLine = !text.contains("\n") && !text.contains("\r")
        if singleLine && (node.style == .singleQuoted || node.style == .doubleQuoted) { return text }
        let value = doc.scalar(index) ?? ""
        if singleLine && node.style == .plain && YAMLScalarFormatter.isPlainSafe(value, flow: flow) { return text }
        return YAMLScalarFormatter.string(value, flow: flow)
    }

    func describe(_ index: Int) -> String {
        switch doc[index].kind {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar:
            if doc.isNull(index) { return "null" }
            return "the scalar \(YAMLScalarFormatter.doubleQuoted(doc.scalar(index) ?? "…"))"
        }
    }
}
