/// Builds a varied kserve-general-like stream from a list of numbers (the property tests' input).
///
/// Each number picks one document: an unrelated object in one of several layouts, or a whole
/// canary group (two HelmReleases and a VirtualService) with varied args, quoting and styles.
/// Every document is preceded by `---` and a `# doc K` comment so tests can split the stream.
struct StreamRecipe {
    var documents: [(text: String, owned: Bool)] = []
    var crlf: Bool

    init(_ numbers: [Int], crlf: Bool) {
        self.crlf = crlf
        for (k, n) in numbers.enumerated() {
            if n % 3 == 0 {
                for doc in Self.group(name: "m\(k)", seed: n) { documents.append((doc, true)) }
            } else {
                documents.append((Self.unrelated(k: k, seed: n), false))
            }
        }
    }

    /// The stream text: documents joined with separators.
    var text: String {
        var out = ""
        for (k, doc) in documents.enumerated() {
            out += "---\n# doc \(k)\n" + doc.text
        }
        return crlf ? out.replacingOccurrences(of: "\n", with: "\r\n") : out
    }

    static func unrelated(k: Int, seed: Int) -> String {
        switch seed % 7 {
        case 1:
            return
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-\(k)   # trailing comment\ndata:\n  script: |\n    echo \"modèle ✓ \(seed)\"\n      indented\n  folded: >-\n    a\n    b\n"
        case 2:
            return
                "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: \"db-primary\", namespace: \"other\"}\nspec:\n  chart: {spec: {chart: postgresql}}\n  values: {storageUri: 'x', newStorageUri: \"y\", args: [a]}\n"
        case 3:
            return
                "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: vs-\(k)\nspec:\n  http:\n  - route:\n    - destination: {host: reviews}\n      weight: \(seed % 100)\n    - destination: {host: ratings}\n      weight: \"7\"\n"
        case 4:
            return
                "kind: List\napiVersion: v1\nitems:\n- &a {kind: Secret, apiVersion: v1, metadata: {name: s\(k)}, stringData: {k: 'v'}}\n- *a\n"
        case 5:
            return "# only a comment\n"
        case 6:
            return "!!map\n? complex key\n: value\nanchors: &x [1, 2, 3]\nref: *x\n...\n"
        default:
            return
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\(k)\n  annotations:\n    postrenderer.helm.sh/postrender-filename: chart/templates/d.yaml\nspec:\n  replicas: \(seed % 9)\n"
        }
    }

    static func group(name: String, seed: Int) -> [String] {
        let primaryLoad = seed % 101
        let args: String
        switch seed % 5 {
        case 0: args = ""
        case 1: args = "          args:\n          - --workers=2\n"
        case 2: args = "          args: [\"--model_name=old\", --x]\n"
        case 3: args = "          args:\n            - --model_name\n            - old\n            - '--y'\n"
        default: args = "          args:\n          - --model_name=\(name)\n"
        }
        let quote = ["", "'", "\""][seed % 3]
        func release(_ variant: String) -> String {
            let model =
                seed % 4 == 3
                ? "        model: {storageUri: \(quote)gs://b/\(name)/1\(quote), newStorageUri: \(quote)gs://b/\(name)/2\(quote)}\n"
                : "        model:\n          modelFormat: {name: sklearn}\n\(args)          storageUri: \(quote)gs://b/\(name)/1\(quote)\n          newStorageUri: \(quote)gs://b/\(name)/2\(quote)\n"
            return
                "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: \(name)-\(variant)\n  namespace: ns\nspec:\n  chart:\n    spec:\n      chart: kserve-model\n  values:\n    inferenceservice:\n      predictor:\n\(model)"
        }
        let vs =
            "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: \(name)-predictor\n  namespace: ns\nspec:\n  http:\n  - route:\n    - destination:\n        host: \(name)-primary-predictor\n        port: {number: 80}\n      weight: \(primaryLoad)\n    - destination: {host: \(name)-canary-predictor.ns.svc.cluster.local}\n      weight: \(100 - primaryLoad)\n"
        return [release("primary"), release("canary"), vs]
    }
}
