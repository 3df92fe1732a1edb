import YAMLStream

/// The structural guarantee behind every edit kserve-canary writes: the edited document is parsed
/// again from the output bytes and read as kubectl reads it, and must hold exactly the input's
/// values with the intended changes, nothing else changed.
public enum ReadBack {
    /// One intended change: the value at `path` (from the document root) becomes `value`, or the
    /// mapping entry goes when `value` is nil.
    public struct Change: Sendable {
        /// Where, from the document root.
        public var path: [YAMLPathComponent]
        /// The new value; nil removes the entry.
        public var value: YAMLValue?

        /// Creates a change.
        public init(_ path: [YAMLPathComponent], _ value: YAMLValue?) {
            self.path = path
            self.value = value
        }
    }

    /// Why `document` with its `edits` applied (each edit lies in the document's range; one that
    /// inserts at its very end belongs to it) does not read back as the input with `changes`, or
    /// nil when it does.
    public static func difference(_ document: YAMLDocument, edits: [ByteEdit], changes: [Change]) -> String? {
        let source = document.source
        let range = document.range
        let output = EditApplier.apply(edits, to: source, within: range)
        // A document that ended its last line must still end it, or the next `---` would join it.
        if !range.isEmpty, source[range.upperBound - 1] == 0x0A || source[range.upperBound - 1] == 0x0D,
           output.last != 0x0A && output.last != 0x0D {
            return "its last line break was lost"
        }
        let expected: YAMLValue
        do {
            var value = try YAMLValueReader.value(of: document)
            for change in changes { value = value.setting(change.path, to: change.value) }
            expected = value
        } catch {
            return "the input cannot be read: \(error)"
        }
        var documents: [YAMLDocument] = []
        let outcome = YAMLStreamParser(maxScalarLength: Int(Int32.max)).parse(SourceBuffer(bytes: output)) { documents.append($0) }
        if let error = outcome.errors.first { return "the output is not valid YAML: \(error)" }
        guard documents.count == 1, let edited = documents.first else {
            return "the output holds \(documents.count) documents instead of 1"
        }
        let actual: YAMLValue
        do {
            actual = try YAMLValueReader.value(of: edited)
        } catch {
            return "the output cannot be read: \(error)"
        }
        if let difference = expected.firstDifference(from: actual) {
            return "\(difference.path.dotted) \(difference.message)"
        }
        return nil
    }
}

