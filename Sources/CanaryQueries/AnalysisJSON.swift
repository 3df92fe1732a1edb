import FoundationEssentials

/// The JSON that `analyze`, `advance`, `dashboard` and the `--gate` webhook write: `JSONEncoder`
/// over `Codable` output types, keys sorted (FoundationEssentials' encoder keeps an object's keys
/// in a hashed dictionary, so sorting is the only stable order; `summary` and `status` sort too),
/// slashes not escaped (URLs, PromQL).
public enum AnalysisJSON {
    /// Indented, newline-terminated (`analyze --output json`, the dashboard).
    public static func pretty(_ value: some Encodable) -> String {
        text(value, [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) + "\n"
    }

    /// On one line, without a newline (`advance --output json`, the gate's request body).
    public static func compact(_ value: some Encodable) -> String {
        text(value, [.sortedKeys, .withoutEscapingSlashes])
    }

    static func text(_ value: some Encodable, _ formatting: JSONEncoder.OutputFormatting) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = formatting
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            // The output types hold strings, integers, booleans and finite numbers only.
            preconditionFailure("cannot encode \(type(of: value)) as JSON: \(error)")
        }
    }
}
