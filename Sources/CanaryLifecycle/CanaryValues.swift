import YAMLStream

/// The canary keys of a values mapping: where they are (for editing) and what they say.
///
/// Layout (kserve-general): `primaryLoad` at the top of the values;
/// `inferenceservice.predictor.model.storageUri` and `.newStorageUri`.
public struct CanaryValues: @unchecked Sendable {
    /// Where the values are.
    public let location: ValuesLocation
    /// The `primaryLoad` entry of the values mapping.
    public let primaryLoad: (key: Int, value: Int)?
    /// The `inferenceservice.predictor.model` mapping, when present.
    public let model: Int?
    /// The `storageUri` entry of the model mapping.
    public let storageUri: (key: Int, value: Int)?
    /// The `newStorageUri` entry of the model mapping.
    public let newStorageUri: (key: Int, value: Int)?
    /// The values read from those entries.
    public let state: CanaryState

    /// Whether `primaryLoad` is written as a quoted string (`"60"`), which kserve-general's schema
    /// rejects; the commands that set it write a plain integer.
    public var primaryLoadIsQuoted: Bool {
        guard let entry = primaryLoad else { return false }
        let style = location.document[location.document.resolve(entry.value)].style
        return style == .singleQuoted || style == .doubleQuoted
    }

    /// Path of the model mapping below the values.
    public static let modelPath = ["inferenceservice", "predictor", "model"]

    /// Reads the canary keys of `location`.
    /// - Throws: `LifecycleError` when a key has the wrong shape (e.g. `primaryLoad` not an
    ///   integer from 0 to 100, a storage URI that is not a scalar).
    public static func read(_ location: ValuesLocation) throws(LifecycleError) -> CanaryValues {
        let doc = location.document
        let primaryLoad = doc.entry("primaryLoad", in: location.mapping)
        var load: Int?
        if let entry = primaryLoad {
            load = try readPrimaryLoad(doc, entry.value)
        }
        var model: Int? = location.mapping
        var walked: [String] = []
        for key in modelPath {
            walked.append(key)
            guard let current = model, let next = doc.value(key, in: current), !doc.isNull(next) else { model = nil; break }
            guard doc[next].kind == .mapping else {
                throw LifecycleError(mark: doc[next].mark, message: "\(walked.joined(separator: ".")) is not a mapping")
            }
            model = next
        }
        let storageUri = model.flatMap { doc.entry("storageUri", in: $0) }
        let newStorageUri = model.flatMap { doc.entry("newStorageUri", in: $0) }
        let state = CanaryState(storageUri: try storageUri.flatMap { e throws(LifecycleError) in try readURI(doc, e.value, "storageUri") },
                                newStorageUri: try newStorageUri.flatMap { e throws(LifecycleError) in try readURI(doc, e.value, "newStorageUri") },
                                primaryLoad: load)
        return CanaryValues(location: location, primaryLoad: primaryLoad, model: model,
                            storageUri: storageUri, newStorageUri: newStorageUri, state: state)
    }

    static func readPrimaryLoad(_ doc: YAMLDocument, _ index: Int) throws(LifecycleError) -> Int? {
        let node = doc.resolve(index)
        if doc.isNull(node) { return nil }
        guard let text = doc.scalar(node) else {
            throw LifecycleError(mark: doc[index].mark, message: "primaryLoad must be an integer from 0 to 100, found a \(doc[node].kind)")
        }
        guard !text.isEmpty, text.utf8.count <= 3, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let value = Int(text), (0...100).contains(value) else {
            throw LifecycleError(mark: doc[index].mark, message: "primaryLoad must be an integer from 0 to 100, found `\(text)`; fix it by hand first")
        }
        return value
    }

    static func readURI(_ doc: YAMLDocument, _ index: Int, _ key: String) throws(LifecycleError) -> String? {
        let node = doc.resolve(index)
        if doc.isNull(node) { return nil }
        guard doc[node].kind == .scalar else {
            throw LifecycleError(mark: doc[index].mark, message: "\(key) must be a string, found a \(doc[node].kind)")
        }
        guard let value = doc.scalar(node) else {
            throw LifecycleError(mark: doc[index].mark, message: "\(key) is too long to read")
        }
        return value
    }
}
