/// Where a canary's settings live in the values of kserve-general and kserve-model.
///
/// kserve-general: `primaryLoad` at the top; `inferenceservice.predictor.model.storageUri` and
/// `.newStorageUri`. Each child release gets the model values in `spec.values` with the same
/// layout, and the predictor's `args` list there.
public enum ModelValues {
    /// Path of the model mapping below the values.
    public static let modelPath = ["inferenceservice", "predictor", "model"]
    /// The model's storage URI.
    public static let storageUri = "storageUri"
    /// The new model's storage URI (the canary serves it).
    public static let newStorageUri = "newStorageUri"
    /// The model server's arguments.
    public static let args = "args"
    /// The primary's share of the traffic (kserve-general).
    public static let primaryLoad = "primaryLoad"
    /// kserve-general's default `primaryLoad` (also what an absent or null value means).
    public static let defaultPrimaryLoad = 100
    /// kserve-model's name of its InferenceService (default: the Helm release name).
    public static let fullnameOverride = "fullnameOverride"
    /// The model server flag that names the model.
    public static let modelNameFlag = "--model_name"

    /// The `--model_name=<name>` argument.
    public static func modelNameArgument(_ name: String) -> String { modelNameFlag + "=" + name }
}
