import CanaryGroups
import CanaryRules
import SchemaValidation
import YAMLSource
import YAMLStream
import YAMLValues

/// Checks a `flux build` tree:
/// 1. every object has `apiVersion`, `kind` and `metadata.name`;
/// 2. no object is rendered twice (Helm refuses to adopt an object another release owns);
/// 3. the kserve-canary rules hold in every release's output and in the input file: running the
///    post-renderer on it must find nothing to change, so Flux's patches did the whole job
///    (`canaryProblems`, which `FluxBuilder` runs on each output before building its children);
/// 4. with CRD schemas, every custom resource validates strictly against its CRD.
public struct FluxTreeValidator: Sendable {
    /// CRD schemas; nil skips step 4.
    public var schemas: CRDSchemaStore?
    /// The canary rule settings for step 3 (run by `FluxBuilder`); nil skips it.
    public var canaryRules: CanaryOptions?

    /// Kinds that have no namespace, for telling apart two objects of the same name.
    static let clusterScoped: Set<String> = [
        "Namespace", "Node", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass", "RuntimeClass",
        "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "APIService",
        "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "ValidatingAdmissionPolicy",
        "ValidatingAdmissionPolicyBinding", "ClusterServingRuntime", "ClusterStorageContainer", "ClusterIssuer",
    ]

    /// Creates a validator.
    public init(schemas: CRDSchemaStore? = nil, canaryRules: CanaryOptions? = CanaryOptions()) {
        self.schemas = schemas
        self.canaryRules = canaryRules
    }

    /// Validates `result` (steps 1, 2 and 4).
    /// - Returns: notes for standard error (what was not checked).
    /// - Throws: one `FluxBuildError` (step `validate`) listing every problem found.
    public func validate(_ result: FluxBuildResult) throws(FluxBuildError) -> [String] {
        var problems: [(release: String, text: String)] = []
        var notes: [String] = []
        func origin(_ object: FluxBuiltObject) -> String { object.producer ?? result.input }
        func located(_ object: FluxBuiltObject) -> String {
            "\(object.subject) (\(object.producer.map { "rendered by \($0)" } ?? "from \(result.input)"))"
        }

        // 1 and 2.
        var seen: [String: FluxBuiltObject] = [:]
        for object in result.objects {
            let value = object.value
            guard let apiVersion = value["apiVersion"]?.string, !apiVersion.isEmpty,
                let kind = value["kind"]?.string, !kind.isEmpty,
                let name = value.value(at: ["metadata", "name"])?.string, !name.isEmpty
            else {
                problems.append((origin(object), "\(located(object)): needs apiVersion, kind and metadata.name"))
                continue
            }
            let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
            let namespace =
                Self.clusterScoped.contains(kind)
                ? "" : (value.value(at: ["metadata", "namespace"])?.string ?? object.releaseNamespace ?? "")
            let key = "\(group)/\(kind)/\(namespace)/\(name)"
            if let first = seen[key] {
                problems.append(
                    (
                        origin(object),
                        """
                        \(located(object)): also \
                        \(first.producer.map { "rendered by \($0)" } ?? "in \(result.input)"); \
                        Helm refuses to adopt an object another release owns
                        """
                    ))
            } else {
                seen[key] = object
            }
        }

        // 4.
        if let schemas {
            var unchecked = Set<String>()
            for object in result.objects {
                guard let apiVersion = object.value["apiVersion"]?.string, let kind = object.value["kind"]?.string
                else { continue }
                guard let schema = schemas.schema(apiVersion: apiVersion, kind: kind) else {
                    unchecked.insert("\(kind) (\(apiVersion))")
                    continue
                }
                for problem in OpenAPISchemaValidator().problems(object.value, schema: schema) {
                    problems.append((origin(object), "\(located(object)): \(problem)"))
                }
            }
            if !unchecked.isEmpty {
                notes.append(
                    "not checked against a CRD schema (no CRD for them): \(unchecked.sorted().joined(separator: ", "))")
            }
        } else {
            notes.append("custom resources were not checked against CRD schemas (give --crds DIR)")
        }

        guard problems.isEmpty else {
            let count = problems.count
            throw FluxBuildError(
                release: problems[0].release, step: "validate",
                message: "\(count) problem\(count == 1 ? "" : "s"):\n"
                    + problems.map { "  " + $0.text }.joined(separator: "\n"))
        }
        return notes
    }

    /// The kserve-canary rules' findings on one release's output (or the input file): their
    /// diagnostics, or what the post-renderer would still change (then Flux's patches did not do
    /// the whole job).
    /// - Parameter label: whose output this is, for the messages.
    public func canaryProblems(_ source: SourceBuffer, label: String) -> [String] {
        guard let options = canaryRules else { return [] }
        let outcome = CanaryPostRenderer(options: options).run(source)
        if !outcome.diagnostics.isEmpty {
            return outcome.diagnostics.map { d in
                """
                \(d.subject ?? "document \(d.documentNumber)") (in the output of \(label)): \
                the kserve-canary rules fail: \(d.message)
                """
            }
        }
        guard !outcome.changes.isEmpty else { return [] }
        var problems = outcome.changes.map {
            """
            \($0.subject): the canary rules are not applied; kserve-canary would still change: \
            \($0.changes.joined(separator: "; "))
            """
        }
        let groups = Set(
            outcome.summary.map {
                "--release \($0.group)" + ($0.namespace.isEmpty ? "" : " --namespace \($0.namespace)")
            }
        ).sorted()
        problems.append(
            """
            Flux applies the rules with the spec.postRenderers printed by \
            `kserve-canary flux postrenderers \(groups.first ?? "--release NAME")` in the HelmRelease that renders \
            \(label == "" ? "them" : "these objects"); a --model_name already in args is beyond those patches (see \
            docs/flux.md)
            """
        )
        return problems
    }
}
