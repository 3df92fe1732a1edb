import Foundation
import Testing

/// One row of the parity matrix: a chart, values, and what must happen.
struct ParityCase: Sendable, CustomTestStringConvertible {
    enum Chart: String, Sendable {
        /// charts/kserve-general (renders `args` as a list in both releases, always).
        case general = "charts/kserve-general"
        /// The seed's own templates (examples/seed-kserve-general): always renders the canary,
        /// forwards `args` only when the values have them.
        case seed = "examples/seed-kserve-general"
    }

    enum Expectation: Sendable {
        /// Kustomize with the patches gives exactly the objects the post-renderer gives.
        case parity
        /// The same objects except `args` of both releases: the user's --model_name stays in front
        /// of ours (what JSON 6902 cannot remove); the last --model_name is ours.
        case modelNameKept
        /// Kustomize fails with this message where the post-renderer succeeds (documented gap).
        case kustomizeFails(String)
        /// Both refuse the input.
        case bothFail
    }

    var chart: Chart
    var canary: Bool
    var primaryLoad: Int
    /// nil: no `args` key in the values.
    var args: [String]?
    var expectation: Expectation

    var testDescription: String {
        """
        \(chart == .general ? "kserve-general" : "seed") canary=\(canary ? "on" : "off") \
        primaryLoad=\(primaryLoad) args=\(args.map { "\($0)" } ?? "absent")
        """
    }

    /// The values file of this case (the seed's Flux values, varied).
    var values: String {
        var model = """
                  modelFormat:
                    name: sklearn
                  storageUri: gs://kfserving-examples/models/sklearn/1.0/model

            """
        if canary { model += "      newStorageUri: gs://kfserving-examples/models/sklearn/1.0/model-2\n" }
        if let args { model += "      args: [\(args.map { "\"\($0)\"" }.joined(separator: ", "))]\n" }
        return """
            env: sandbox
            region: uw2
            primaryLoad: \(primaryLoad)
            exposeModel:
              enabled: true
              type: api
            replicaCount: 2
            autoscaling:
              maxReplicaCount: 4
            inferenceservice:
              predictor:
                model:

            """ + model
    }

    static let userArgs = ["--workers=2", "--log-level=debug"]

    static let all: [ParityCase] = {
        var cases: [ParityCase] = []
        for canary in [true, false] {
            for load in [0, 40, 60, 100] {
                for args in [nil, [], userArgs] as [[String]?] {
                    cases.append(
                        ParityCase(chart: .general, canary: canary, primaryLoad: load, args: args, expectation: .parity)
                    )
                }
            }
        }
        for load in [0, 60, 100] {
            for args in [[], userArgs] as [[String]] {
                cases.append(
                    ParityCase(chart: .seed, canary: true, primaryLoad: load, args: args, expectation: .parity))
            }
        }
        // The seed's templates forward no args key when the values have none: `add .../args/-` has no list.
        cases.append(
            ParityCase(
                chart: .seed, canary: true, primaryLoad: 60, args: nil,
                expectation: .kustomizeFails(
                    "doc is missing path: \"/spec/values/inferenceservice/predictor/model/args/-\"")))
        // The seed always renders the canary: without newStorageUri both refuse.
        cases.append(ParityCase(chart: .seed, canary: false, primaryLoad: 100, args: userArgs, expectation: .bothFail))
        // A --model_name already in the user's args.
        for chart in [Chart.general, .seed] {
            cases.append(
                ParityCase(
                    chart: chart, canary: true, primaryLoad: 60, args: ["--workers=2", "--model_name=other"],
                    expectation: .modelNameKept))
            cases.append(
                ParityCase(
                    chart: chart, canary: true, primaryLoad: 60, args: ["--model_name=sklearn"],
                    expectation: .modelNameKept))
        }
        return cases
    }()
}
