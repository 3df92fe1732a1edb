import YAMLEditing
import YAMLScalars
import YAMLStream
import YAMLValues

/// The byte edits that give one route the weights its `RouteTarget` wants: a weight replaced in
/// place, or a `weight:` entry added to a route item that has none.
struct WeightEdits {
    let target: RouteTarget

    func plan() throws(YAMLEditError) -> [ByteEdit] {
        let doc = target.service.object.document
        var editor = YAMLEditor(doc)
        for (destination, weight) in target.changes {
            let text = String(weight)
            switch destination.weight {
            case .value(_, let entry):
                if entry.isMerged {
                    throw YAMLEditError(
                        mark: doc[entry.key].mark, message: "the weight comes in through a << merge key; write it out")
                }
                try editor.setValue(entry.written, to: text)
            case .absent:
                if doc.entries(destination.item).contains(where: { doc.isMergeKey($0.key) }) {
                    throw YAMLEditError(
                        mark: doc[destination.item].mark,
                        message: "the route item uses a << merge key; write its weight out")
                }
                if doc[destination.item].style == .flow {
                    try editor.rewriteInFlowStyle(destination.item, appending: [("weight", text)])
                } else {
                    try editor.insertEntry("weight", valueText: text, into: destination.item, at: .last)
                }
            case .invalid:
                throw YAMLEditError(mark: destination.hostMark, message: "the weight is not an integer")
            }
        }
        return editor.edits
    }
}
