import YAMLStream

extension YAMLDocument {
    /// The first reason go-yaml v2 (kubectl, Helm) cannot decode this document although it
    /// parses, or nil: an explicitly tagged scalar whose text its tag does not accept
    /// (`!!int abc`: "cannot decode !!str `abc` as a !!int"), or a `<<` value that is not a
    /// mapping, an alias of one, or a sequence of them written in place ("map merge requires map
    /// or sequence of maps as the value"). Checks every node, also those no rule reads: kubectl
    /// refuses the whole document for one of them.
    package func decodeProblem() -> YAMLValueError? {
        for i in 0..<nodeCount {
            let id = YAMLNodeID(i)
            do throws(YAMLValueError) {
                switch self[id].kind {
                case .scalar where self[id].hasProperties && tag(id) != nil:
                    _ = try scalarValue(id)
                case .mapping:
                    for (key, value) in entries(id) where isMergeKey(key) { _ = try mergeSources(value) }
                default:
                    break
                }
            } catch {
                return error
            }
        }
        return nil
    }
}
