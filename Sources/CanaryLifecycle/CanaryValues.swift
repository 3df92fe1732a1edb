import KServeCanaryModel
import YAMLScalars
import YAMLStream
import YAMLValues

/// The canary keys of a values mapping, read the way Helm reads values (go-yaml v2: `060` is 48,
/// a repeated key's last value wins, merge keys apply): where they are (for editing) and what
/// they say.
///
/// Layout (kserve-general): `primaryLoad` at the top of the values;
/// `inferenceservice.predictor.model.storageUri` and `.newStorageUri`.
public struct CanaryValues: Sendable {
    /// Where the values are.
    public let location: ValuesLocation
    /// The `primaryLoad` entry of the values mapping.
    public let primaryLoad: YAMLEntry?
    /// The `inferenceservice.predictor.model` mapping, when present.
    public let model: YAMLNodeID?
    /// The entries from the values to the model mapping.
    public let modelPath: [YAMLEntry]
    /// The `storageUri` entry of the model mapping.
    public let storageUri: YAMLEntry?
    /// The `newStorageUri` entry of the model mapping.
    public let newStorageUri: YAMLEntry?
    /// The values read from those entries.
    public let state: CanaryState
    /// Why `primaryLoad` is not a value kserve-general accepts, if so.
    public let primaryLoadProblem: PrimaryLoadProblem?

    /// A `primaryLoad` kserve-general's schema refuses.
    public enum PrimaryLoadProblem: Error, Sendable, Equatable {
        /// A number written as a string (`"60"`, `!!str 60`): the intent is clear, and the commands
        /// that set `primaryLoad` write it as a number; `state.primaryLoad` holds the number.
        case quoted(Int, LifecycleError)
        /// Anything else (not a whole number from 0 to 100): fix it by hand; `state.primaryLoad` is nil.
        case invalid(LifecycleError)

        /// The error to report.
        public var error: LifecycleError {
            switch self {
            case .quoted(_, let e), .invalid(let e): return e
            }
        }
    }

    /// Reads the canary keys of `location`.
    /// - Throws: `LifecycleError` when a key has the wrong shape (a storage URI that is not a
    ///   string, a model that is not a mapping) or kubectl could not read the values.
    public static func read(_ location: ValuesLocation) throws(LifecycleError) -> CanaryValues {
        let doc = location.document
        do {
            let primaryLoad = try doc.lookup(ModelValues.primaryLoad, in: location.mapping)
            var load: Int?
            var problem: PrimaryLoadProblem?
            if let entry = primaryLoad {
                switch readPrimaryLoad(doc, entry.value) {
                case .success(let value): load = value
                case .failure(let failure):
                    problem = failure
                    if case .quoted(let n, _) = failure { load = n }
                }
            }
            var model: YAMLNodeID? = location.mapping
            var path: [YAMLEntry] = []
            var walked: [String] = []
            for key in ModelValues.modelPath {
                walked.append(key)
                guard let current = model, let next = try doc.lookup(key, in: current), !doc.isNull(next.value) else {
                    model = nil
                    break
                }
                guard doc[next.value].kind == .mapping else {
                    throw LifecycleError(
                        .invalidValue, mark: doc[next.written].mark, "\(walked.joined(separator: ".")) is not a mapping"
                    )
                }
                path.append(next)
                model = next.value
            }
            var storageUri: YAMLEntry?
            var newStorageUri: YAMLEntry?
            if let model {
                storageUri = try doc.lookup(ModelValues.storageUri, in: model)
                newStorageUri = try doc.lookup(ModelValues.newStorageUri, in: model)
            }
            let state = CanaryState(
                storageUri: try storageUri.map { try readURI(doc, $0, ModelValues.storageUri) } ?? nil,
                newStorageUri: try newStorageUri.map { try readURI(doc, $0, ModelValues.newStorageUri) } ?? nil,
                primaryLoad: load)
            return CanaryValues(
                location: location, primaryLoad: primaryLoad, model: model, modelPath: path,
                storageUri: storageUri, newStorageUri: newStorageUri, state: state, primaryLoadProblem: problem)
        } catch let error as YAMLValueError {
            throw LifecycleError(
                .syntax, mark: error.mark, "kubectl cannot read the values: \(error.message); fix it by hand first")
        } catch let error as LifecycleError {
            throw error
        } catch {
            throw LifecycleError(.internalError, "\(error)")
        }
    }

    /// `primaryLoad` as kserve-general's schema and templates read it: a whole number from 0 to
    /// 100 (`060` is 48, `60.0` is 60); null is the chart default. Anything else is refused by the
    /// chart, so it is reported rather than guessed.
    static func readPrimaryLoad(_ doc: YAMLDocument, _ id: YAMLNodeID) -> Result<Int?, PrimaryLoadProblem> {
        let mark = doc[id].mark
        func invalid(_ found: String) -> Result<Int?, PrimaryLoadProblem> {
            .failure(
                .invalid(
                    LifecycleError(
                        .invalidValue, mark: mark,
                        "primaryLoad must be an integer from 0 to 100, found \(found); fix it by hand first")))
        }
        guard doc[doc.resolve(id)].kind == .scalar else {
            return invalid(doc[doc.resolve(id)].kind == .mapping ? "a mapping" : "a list")
        }
        let value: YAMLScalar
        do { value = try doc.scalarValue(id) } catch {
            return .failure(.invalid(LifecycleError(.syntax, mark: mark, "primaryLoad: \(error.message)")))
        }
        switch value {
        case .null:
            return .success(nil)
        case .string(let s):
            guard let n = Int(s), (0...100).contains(n), s.allSatisfy(\.isASCII) else {
                return invalid(value.description)
            }
            return .failure(
                .quoted(
                    n,
                    LifecycleError(
                        .invalidValue, mark: mark,
                        """
                        primaryLoad is the string \(YAMLScalarFormatter.doubleQuoted(s)), \
                        which kserve-general's schema refuses (it wants an integer from 0 to 100); \
                        write it without quotes or tag, or let set-weight write it
                        """
                    )))
        default:
            guard let n = value.integerValue, (0...100).contains(n) else {
                let octal =
                    doc.contentText(id).hasPrefix("0") && value.integerValue != nil
                    ? " (a leading 0 makes YAML read the number as octal)" : ""
                return invalid(value.description + octal)
            }
            return .success(Int(n))
        }
    }

    static func readURI(_ doc: YAMLDocument, _ entry: YAMLEntry, _ key: String) throws(LifecycleError) -> String? {
        let node = entry.value
        guard doc[node].kind == .scalar else {
            throw LifecycleError(
                .invalidValue, mark: doc[entry.written].mark,
                "\(key) must be a string, found a \(doc[node].kind == .mapping ? "mapping" : "list")")
        }
        let value: YAMLScalar
        do { value = try doc.scalarValue(node) } catch {
            throw LifecycleError(.syntax, mark: doc[entry.written].mark, "\(key): \(error.message)")
        }
        switch value {
        case .null: return nil
        case .string(let s): return s
        default:
            throw LifecycleError(
                .invalidValue, mark: doc[entry.written].mark,
                "\(key) must be a string (a model URI), found \(value); quote it")
        }
    }
}
