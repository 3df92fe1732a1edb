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
                """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: cm-\(k)   # trailing comment
                data:
                  script: |
                    echo \"modèle ✓ \(seed)\"
                      indented
                  folded: >-
                    a
                    b

                """
        case 2:
            return
                """
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: {name: \"db-primary\", namespace: \"other\"}
                spec:
                  chart: {spec: {chart: postgresql}}
                  values: {storageUri: 'x', newStorageUri: \"y\", args: [a]}

                """
        case 3:
            return
                """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: vs-\(k)
                spec:
                  http:
                  - route:
                    - destination: {host: reviews}
                      weight: \(seed % 100)
                    - destination: {host: ratings}
                      weight: \"7\"

                """
        case 4:
            return
                """
                kind: List
                apiVersion: v1
                items:
                - &a {kind: Secret, apiVersion: v1, metadata: {name: s\(k)}, stringData: {k: 'v'}}
                - *a

                """
        case 5:
            return "# only a comment\n"
        case 6:
            return "!!map\n? complex key\n: value\nanchors: &x [1, 2, 3]\nref: *x\n...\n"
        default:
            return
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: d\(k)
                  annotations:
                    postrenderer.helm.sh/postrender-filename: chart/templates/d.yaml
                spec:
                  replicas: \(seed % 9)

                """
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
                ? """
                        model: {storageUri: \(quote)gs://b/\(name)/1\(quote), newStorageUri: \
                \(quote)gs://b/\(name)/2\(quote)}\n
                """
                : """
                        model:
                          modelFormat: {name: sklearn}
                \(args)          storageUri: \(quote)gs://b/\(name)/1\(quote)
                          newStorageUri: \(quote)gs://b/\(name)/2\(quote)

                """
            return
                """
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata:
                  name: \(name)-\(variant)
                  namespace: ns
                spec:
                  chart:
                    spec:
                      chart: kserve-model
                  values:
                    inferenceservice:
                      predictor:
                \(model)
                """
        }
        let vs =
            """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: \(name)-predictor
              namespace: ns
            spec:
              http:
              - route:
                - destination:
                    host: \(name)-primary-predictor
                    port: {number: 80}
                  weight: \(primaryLoad)
                - destination: {host: \(name)-canary-predictor.ns.svc.cluster.local}
                  weight: \(100 - primaryLoad)

            """
        return [release("primary"), release("canary"), vs]
    }
}
