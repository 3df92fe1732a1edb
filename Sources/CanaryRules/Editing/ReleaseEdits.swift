import CanaryGroups
import KServeCanaryModel
import YAMLEditing
import YAMLScalars
import YAMLStream
import YAMLValues

/// The byte edits that make one release's model values say what its `ReleaseTarget` wants, in the
/// release's own layout: scalars replaced in place (keeping quotes), whole lines removed or
/// inserted, flow collections rewritten in flow style.
struct ReleaseEdits {
    let target: ReleaseTarget

    private var doc: YAMLDocument { target.release.object.document }
    private var model: ModelMapping { target.model }

    /// The edits, or why the layout does not allow them.
    func plan() throws(YAMLEditError) -> [ByteEdit] {
        guard target.needsChange else { return [] }
        try checkReachable()
        var editor = YAMLEditor(doc)
        let isFlow = doc[model.node].style == .flow
        var replacing: [YAMLNodeID: String?] = [:]
        var appending: [(key: String?, value: String)] = []

        // Storage URIs: the canary serves newStorageUri; newStorageUri goes from both.
        var renamedNewStorage = false
        if target.changesStorageUri, let uri = target.storageUri {
            let text = uriText(uri, flow: isFlow)
            if let storage = model.storageUri {
                if isFlow {
                    replacing[storage.entry.written] = .some(text)
                } else {
                    try editor.setValue(storage.entry.written, to: text)
                }
            } else if let newStorage = model.newStorageUri, !isFlow {
                try editor.replaceScalarContent(newStorage.entry.key, with: ModelValues.storageUri)
                renamedNewStorage = true
            } else {
                appending.append((ModelValues.storageUri, text))
            }
        }
        if let newStorage = model.newStorageUri, !renamedNewStorage {
            if isFlow {
                replacing[newStorage.entry.written] = .some(nil)
            } else {
                try editor.removeEntry(key: newStorage.entry.key, value: newStorage.entry.written)
            }
        }

        // Exactly one trailing --model_name=<group>.
        if target.changesArgs {
            let argument = YAMLScalarFormatter.string(target.args.last!, flow: true)
            if let args = model.args {
                let node = args.entry.written
                if !isFlow, !args.isNull, doc[node].isBlockCollection, !args.items.isEmpty {
                    try blockArgs(args, argument: argument, editor: &editor)
                } else if !isFlow, !args.isNull, doc[node].kind == .sequence {
                    // A flow list in a block model: rewritten in place, anchors inside it kept.
                    try editor.rewriteInFlowStyle(node, replacing: droppedArgs(args), appending: [(nil, argument)])
                } else {
                    let text = try flowArgs(args, argument: argument, editor: editor)
                    if isFlow { replacing[node] = .some(text) } else { try editor.replace(node, with: text) }
                }
            } else if isFlow {
                appending.append((ModelValues.args, "[" + argument + "]"))
            } else {
                try editor.appendEntry(to: model.node, key: ModelValues.args, valueText: "[" + argument + "]")
            }
        }
        if isFlow {
            try editor.rewriteInFlowStyle(model.node, replacing: replacing, appending: appending)
        }
        return editor.edits
    }

    /// Edits of a non-empty block `args` list: drop what the rule drops, then append (or rewrite
    /// a trailing `--model_name=...` that is the only item to go).
    private func blockArgs(_ args: ModelMapping.ArgsField, argument: String, editor: inout YAMLEditor)
        throws(YAMLEditError)
    {
        let kept = Set(ModelArgsRule.keptIndexes(args.items.map(\.text)))
        let dropped = args.items.indices.filter { !kept.contains($0) }
        if dropped == [args.items.count - 1] {
            try editor.replace(args.items.last!.node, with: argument)
            return
        }
        for index in dropped { try editor.removeItem(args.items[index].node) }
        try editor.appendItem(to: args.entry.written, itemText: argument)
    }

    /// The whole `args` value in flow style.
    private func flowArgs(_ args: ModelMapping.ArgsField, argument: String, editor: YAMLEditor) throws(YAMLEditError)
        -> String
    {
        guard !args.isNull, doc[args.entry.written].kind == .sequence else { return "[" + argument + "]" }
        return try editor.flowText(args.entry.written, replacing: droppedArgs(args), appending: [(nil, argument)])
    }

    /// The `args` items the rule drops, for a flow rewrite.
    private func droppedArgs(_ args: ModelMapping.ArgsField) -> [YAMLNodeID: String?] {
        let kept = Set(ModelArgsRule.keptIndexes(args.items.map(\.text)))
        var replacing: [YAMLNodeID: String?] = [:]
        for (index, item) in args.items.enumerated() where !kept.contains(index) { replacing[item.node] = .some(nil) }
        return replacing
    }

    /// The new storage URI as written: the newStorageUri's own text when it is a one-line scalar
    /// valid here (its quotes kept), else freshly quoted.
    private func uriText(_ uri: String, flow: Bool) -> String {
        if let newStorage = model.newStorageUri, newStorage.value == uri {
            let node = doc[newStorage.entry.value]
            let text = doc.contentText(newStorage.entry.value)
            let oneLine = !text.contains("\n") && !text.contains("\r")
            if oneLine && doc.tag(newStorage.entry.value) == nil {
                if node.style == .singleQuoted || node.style == .doubleQuoted { return text }
                if node.style == .plain && YAMLScalarFormatter.isPlainSafe(uri, flow: flow) { return text }
            }
        }
        return YAMLScalarFormatter.string(uri, flow: flow)
    }

    /// Refuses edits that would have to go through a merge key: the path to the model values and
    /// the model mapping must be written out.
    private func checkReachable() throws(YAMLEditError) {
        for entry in model.path where entry.isMerged {
            throw YAMLEditError(
                mark: doc[entry.key].mark,
                message: "comes in through a << merge key; kserve-canary edits only values written out")
        }
        if model.hasMergeKey {
            let merge = doc.entries(model.node).first { doc.isMergeKey($0.key) }!
            throw YAMLEditError(
                mark: doc[merge.key].mark,
                message:
                    """
                    the model mapping uses a << merge key, so removing or changing its entries may not change what \
                    kubectl reads; write the values out
                    """
            )
        }
    }
}
