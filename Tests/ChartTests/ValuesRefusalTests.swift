import Foundation
import TestSupport
import Testing

/// One bad input, given to both charts: kserve-model directly, kserve-general as a model value.
struct BadInput: Sendable, CustomTestStringConvertible {
    var set: [String]
    var setString: [String] = []
    /// Text the reason must contain in both charts.
    var reason: String

    var testDescription: String { (set + setString).joined(separator: " ") }

    /// What kserve-model refuses in its templates (the shared rules of _validation.tpl).
    static let rules: [BadInput] = [
        .init(
            set: ["replicaCount=5", "autoscaling.maxReplicaCount=4"],
            reason: "autoscaling.maxReplicaCount (4) must be at least replicaCount (5)"),
        .init(set: ["jwt.enabled=true"], reason: "jwt.enabled needs jwt.issuer and jwt.jwksUri"),
        .init(
            set: ["jwt.enabled=true", "jwt.issuer=https://login.example.com/"],
            reason: "jwt.enabled needs jwt.issuer and jwt.jwksUri"),
        .init(set: ["jwt.customAuthz.enabled=true"], reason: "jwt.customAuthz.enabled needs jwt.customAuthz.provider"),
        .init(set: ["imageAutomation.enabled=true"], reason: "imageAutomation.enabled needs imageAutomation.image"),
        .init(
            set: ["metrics.enabled=false", "metrics.podMonitor.enabled=true"],
            reason: "metrics.podMonitor/serviceMonitor need metrics.enabled"),
        .init(
            set: ["metrics.podMonitor.enabled=true", "metrics.serviceMonitor.enabled=true"],
            reason: "would scrape every pod twice"),
        .init(
            set: [], setString: ["inferenceservice.predictor.labels.app=x"],
            reason: "inferenceservice.predictor.labels.app: label keys the charts, KServe or Istio injection set"),
    ]

    /// What kserve-model's schema refuses (kserve-general carries the same schema).
    static let schema: [BadInput] = [
        .init(set: [], setString: ["rateLimit.fillInterval=1m"], reason: "fillInterval"),
        .init(set: [], setString: ["exposeModel.timeout=0s"], reason: "timeout"),
        .init(set: ["exposeModel.gateways={sample-gateway}"], reason: "gateways"),
        .init(set: [], setString: ["inferenceservice.predictor.model.storageUri=/data/model"], reason: "storageUri"),
        .init(set: [], setString: ["inferenceservice.predictor.model.storageUri=foo://bar"], reason: "storageUri"),
        .init(set: [], setString: ["inferenceservice.predictor.model.storageUri="], reason: "storageUri"),
        .init(set: ["commonLabels.app=x"], reason: "commonLabels"),
        .init(
            set: [
                "inferenceservice.predictor.containers[0].name=kserve-container",
                "inferenceservice.predictor.containers[0].image=busybox",
            ], reason: "containers"),
        .init(set: ["rateLimit.fillInterval=null"], reason: "fillInterval"),
        .init(set: ["metrics.port=null"], reason: "port"),
        .init(set: ["exposeModel.uriRegex=null"], reason: "uriRegex"),
    ]
}

/// kserve-general must refuse at render time what kserve-model would refuse later, asynchronously, in
/// a child HelmRelease (issue 11, item 11): both charts share _validation.tpl and the schema.
@Suite("both charts refuse the same inputs for the same reason")
struct ValuesRefusalTests {
    static let generalValues = Charts.path("examples/sklearn/values.yaml")
    static let fromValuesFrom = Charts.path("Tests/ChartTests/Fixtures/storage-uri-from-values-from.yaml")

    static func refusal(_ helm: HelmMajor, chart: String, input: BadInput) throws -> String {
        let result =
            chart == "kserve-model"
            ? try Charts.template(
                helm, chart: chart, set: input.set,
                setString: (input.setString.contains { $0.contains("storageUri=") }
                    ? []
                    : [
                        "inferenceservice.predictor.model.storageUri=" + Charts.storageUri
                    ]) + input.setString)
            : try Charts.template(
                helm, chart: chart, values: [Self.generalValues], set: input.set,
                setString: input.setString)
        #expect(result.status != 0, "\(chart) accepted \(input.testDescription)")
        #expect(result.stdout.isEmpty, "\(chart) printed objects")
        return result.stderrText
    }

    @Test(
        "kserve-model's rules: the same message in both charts, once per child in kserve-general",
        arguments: HelmMajor.allCases, BadInput.rules)
    func sameRule(helm: HelmMajor, input: BadInput) throws {
        let model = Charts.validationMessages(try Self.refusal(helm, chart: "kserve-model", input: input))
        let general = Charts.validationMessages(try Self.refusal(helm, chart: "kserve-general", input: input))
        let reason = model.first { $0.contains(input.reason) }
        #expect(reason != nil, "kserve-model: \(model)")
        for child in ["sklearn-primary", "sklearn-canary"] {
            #expect(general.contains("\(child): \(reason ?? "-")"), "kserve-general \(child): \(general)")
        }
    }

    @Test(
        "kserve-model's schema: both charts refuse, naming the same key", arguments: HelmMajor.allCases,
        BadInput.schema)
    func sameSchema(helm: HelmMajor, input: BadInput) throws {
        let model = try Self.refusal(helm, chart: "kserve-model", input: input)
        let general = try Self.refusal(helm, chart: "kserve-general", input: input)
        #expect(model.contains(input.reason), "\(model)")
        #expect(general.contains(input.reason), "\(general)")
    }

    /// Helm removes a null from the values before templates run, and with it the default (`int nil`
    /// is 0, `printf "%s" nil` is `%!s(<nil>)`): every key with a default is `required` in the schema.
    @Test(
        "null on a key with a default is refused, never rendered empty", arguments: HelmMajor.allCases,
        [
            "flux.interval=null", "exposeModel=null", "exposeModel.type=null", "exposeModel.domain=null",
            "exposeModel.uriRegex=null", "exposeModel.gateways=null", "routing=null", "flux.sourceRef.kind=null",
        ])
    func nullInGeneral(helm: HelmMajor, set: String) throws {
        let result = try Charts.template(helm, chart: "kserve-general", values: [Self.generalValues], set: [set])
        #expect(result.status != 0, "\(set) rendered:\n\(result.stdoutText)")
        let key = set.split(separator: "=")[0].split(separator: ".").last.map(String.init) ?? set
        #expect(result.stderrText.contains(key), "\(set): \(result.stderrText)")
        #expect(!result.stderrText.contains("nil pointer"), "\(result.stderrText)")
    }

    @Test(
        "null on a kserve-model key with a default is refused", arguments: HelmMajor.allCases,
        [
            "rateLimit.fillInterval=null", "metrics.port=null", "exposeModel=null", "exposeModel.type=null",
            "replicaCount=null", "autoscaling=null", "inferenceservice.predictor.model.modelFormat=null",
        ])
    func nullInModel(helm: HelmMajor, set: String) throws {
        let result = try Charts.template(helm, chart: "kserve-model", set: Charts.withStorageUri + [set])
        #expect(result.status != 0, "\(set) rendered:\n\(result.stdoutText)")
        let key = set.split(separator: "=")[0].split(separator: ".").last.map(String.init) ?? set
        #expect(result.stderrText.contains(key), "\(set): \(result.stderrText)")
    }

    @Test(
        "kserve-general's own refusals: canary URI equal to or without a scheme, storageUri missing",
        arguments: HelmMajor.allCases)
    func canaryURIs(helm: HelmMajor) throws {
        let equal = try Charts.template(
            helm, chart: "kserve-general", values: [Self.generalValues],
            setString: [
                "inferenceservice.predictor.model.newStorageUri="
                    + Charts.storageUri
            ])
        #expect(
            Charts.validationMessages(equal.stderrText).contains {
                $0.hasPrefix("inferenceservice.predictor.model.newStorageUri equals storageUri")
            }, "\(equal.stderrText)")
        let noScheme = try Charts.template(
            helm, chart: "kserve-general", values: [Self.generalValues],
            setString: ["inferenceservice.predictor.model.newStorageUri=/data/model-2"])
        let messages = Charts.validationMessages(noScheme.stderrText)
        #expect(
            messages.contains {
                $0.hasPrefix("inferenceservice.predictor.model.newStorageUri \"/data/model-2\" is not a URI")
            })
        // ... which is what the canary child would refuse after the post-renderer made it its storageUri.
        let child = try Charts.template(
            helm, chart: "kserve-model",
            setString: ["inferenceservice.predictor.model.storageUri=/data/model-2"])
        #expect(child.status != 0 && child.stderrText.contains("storageUri"), "\(child.stderrText)")
        #expect(
            messages.contains {
                $0.hasPrefix("sklearn-canary: inferenceservice.predictor.model.storageUri \"/data/model-2\"")
            })

        let missing = try Charts.template(
            helm, chart: "kserve-general",
            set: ["inferenceservice.predictor.model.modelFormat.name=sklearn"])
        #expect(
            Charts.validationMessages(missing.stderrText).contains {
                $0.hasPrefix("sklearn-primary: inferenceservice.predictor.model.storageUri is required")
            }, "\(missing.stderrText)")
        // A valuesFrom entry with that targetPath may provide it.
        let fromValuesFrom = try Charts.template(
            helm, chart: "kserve-general",
            values: [Self.fromValuesFrom])
        #expect(fromValuesFrom.status == 0, "\(fromValuesFrom.stderrText)")
    }
}
