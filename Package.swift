// swift-tools-version: 6.1
// kserve-canary: model canary for KServe RawDeployment mode, as a Helm post-renderer over libyaml.
import PackageDescription

let package = Package(
    name: "kserve-canary",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kserve-canary", targets: ["kserve-canary"]),
        .library(name: "YAMLStream", targets: ["YAMLStream"]),
        .library(name: "CanaryRules", targets: ["CanaryRules"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Without its Foundation trait: the binary links FoundationEssentials only.
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2", traits: []),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // Prometheus HTTP API and the --gate webhook (kserve-canary analyze/advance).
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // Debian: libyaml-dev (pkg-config yaml-0.1).
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // The few operating-system services the tool needs: whole reads and writes of file
        // descriptors, threads with stacks deep enough for the deepest document accepted.
        .target(name: "Platform"),
        // The one YAML 1.1 scalar resolver (go-yaml v2's) and the formatter that writes scalars so
        // that they read back. Knows nothing of Kubernetes.
        .target(name: "YAMLScalars"),
        // The input bytes before any parser: one buffer read whole, and the stream cut into
        // documents line by line as kubectl cuts it (and into parts that start where both kubectl
        // and libyaml start a document). Knows nothing of Kubernetes objects.
        .target(name: "YAMLSource", dependencies: ["Platform"]),
        // The YAML layer: libyaml events, marks, documents with byte ranges, parts parsed in
        // parallel, bounded work. Knows nothing of Kubernetes.
        .target(name: "YAMLStream", dependencies: ["CYAML", "YAMLSource", "YAMLScalars", "Platform"]),
        // Minimal in-place edits of parsed documents (comments, layout and every other byte kept)
        // and applying them. Knows nothing of Kubernetes.
        .target(name: "YAMLEditing", dependencies: ["YAMLStream", "YAMLSource", "YAMLScalars", "Platform"]),
        // What YAML means the way kubectl and Helm read it (sigs.k8s.io/yaml over go-yaml v2):
        // values, merge keys, repeated keys, JSON. Knows nothing of Kubernetes.
        .target(
            name: "YAMLValues", dependencies: ["YAMLStream", "YAMLSource", "YAMLScalars", "Platform", "YAMLEditing"]),
        // The guarantee behind every edit: an edited document must read back, as kubectl reads it,
        // as the input with exactly the intended changes (the changed region's libyaml events
        // against the input's nodes, or both documents compared by meaning). Knows nothing of
        // Kubernetes.
        .target(
            name: "YAMLReadBack",
            dependencies: ["CYAML", "YAMLStream", "YAMLSource", "YAMLScalars", "Platform", "YAMLEditing", "YAMLValues"]),
        // Every naming and layout convention of KServe, Flux, Istio and our charts, in one place.
        .target(name: "KServeCanaryModel"),
        // The Kubernetes objects of a rendered stream as kubectl reads them (List flattening,
        // kind/name/namespace, Istio VirtualService routes) and the diagnostics that point into
        // them. Knows nothing of canaries.
        .target(
            name: "StreamObjects",
            dependencies: ["YAMLStream", "YAMLSource", "YAMLScalars", "Platform", "YAMLValues", "KServeCanaryModel"]),
        // The group model: what a rendered stream says about its canary groups (model releases,
        // groups, routed VirtualServices), read in parallel parts. Knows nothing of edits or the CLI.
        .target(
            name: "CanaryGroups",
            dependencies: [
                "YAMLStream", "YAMLSource", "YAMLScalars", "Platform", "YAMLEditing", "YAMLValues", "YAMLReadBack",
                "KServeCanaryModel",
                "StreamObjects",
            ]
        ),
        // The canary rules: the stream read as a typed model, checks, planned changes, byte edits,
        // read-back. Knows nothing of the CLI.
        .target(
            name: "CanaryRules",
            dependencies: [
                "YAMLStream", "YAMLSource", "YAMLScalars", "Platform", "YAMLEditing", "YAMLValues", "YAMLReadBack",
                "KServeCanaryModel",
                "StreamObjects",
                "CanaryGroups",
            ]
        ),
        // The canary lifecycle in git: start, set-weight, step, promote, rollback, status as surgical
        // edits of a HelmRelease or values file. Knows nothing of the CLI.
        .target(
            name: "CanaryLifecycle",
            dependencies: [
                "YAMLStream", "YAMLSource", "YAMLScalars", "Platform", "YAMLEditing", "YAMLValues", "YAMLReadBack",
                "KServeCanaryModel",
            ]),
        // Helm value semantics: the strvals `--set` parser, Go's shared maps, helm-controller's
        // values composition (`valuesFrom`, `targetPath`, `spec.values`).
        .target(
            name: "HelmValues",
            dependencies: ["YAMLStream", "YAMLSource", "YAMLScalars", "Platform", "YAMLEditing", "YAMLValues"]),
        // Strict validation of custom resources against CRD `openAPIV3Schema`s.
        .target(
            name: "SchemaValidation",
            dependencies: ["YAMLStream", "YAMLSource", "YAMLScalars", "Platform", "YAMLEditing", "YAMLValues"]),
        // `flux build` and `flux postrenderers`: HelmRelease reading, Helm and Kustomize runs, the
        // tree and its checks. Knows nothing of the CLI.
        .target(
            name: "FluxBuild",
            dependencies: [
                "YAMLStream", "YAMLSource", "YAMLScalars", "Platform", "YAMLEditing", "YAMLValues", "KServeCanaryModel",
                "CanaryGroups",
                "CanaryRules", "HelmValues", "SchemaValidation",
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        // What the canary asks Prometheus: PromQL templates, the built-in queries, the Grafana
        // dashboard made of them, instants and durations. Knows nothing of files, HTTP or the CLI.
        .target(name: "CanaryQueries", dependencies: ["KServeCanaryModel"]),
        // Canary analysis: names from the file, the checks (built-in and custom), the verdict and the
        // report, over any `MetricsSource`. Knows nothing of HTTP or the CLI.
        .target(
            name: "CanaryAnalysis",
            dependencies: [
                "YAMLStream", "YAMLSource", "YAMLScalars", "Platform", "YAMLEditing", "YAMLValues", "KServeCanaryModel",
                "CanaryLifecycle",
                "CanaryQueries",
            ]
        ),
        // `advance`: the decision (step, hold, count a failure, roll back) and its state kept in the file.
        .target(
            name: "CanaryAdvance",
            dependencies: [
                "YAMLStream", "YAMLSource", "YAMLScalars", "Platform", "YAMLEditing", "KServeCanaryModel",
                "CanaryLifecycle",
                "CanaryQueries",
                "CanaryAnalysis",
            ]
        ),
        // The HTTP side of the analysis: Prometheus' API and the --gate webhook over AsyncHTTPClient
        // (the only code that needs AsyncHTTPClient and NIO).
        .target(
            name: "AnalysisHTTP",
            dependencies: [
                "CanaryQueries", "CanaryAnalysis", "CanaryAdvance",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // The command line: argument parsing, files, exit codes.
        .target(
            name: "KServeCanaryCLI",
            dependencies: [
                "YAMLStream", "YAMLSource", "YAMLScalars", "Platform", "YAMLEditing", "YAMLValues", "KServeCanaryModel",
                "StreamObjects",
                "CanaryGroups", "CanaryRules", "CanaryLifecycle", "HelmValues",
                "SchemaValidation", "FluxBuild", "CanaryQueries", "CanaryAnalysis", "CanaryAdvance", "AnalysisHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "kserve-canary",
            dependencies: ["KServeCanaryCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // Shared helpers for the test targets: spawning processes, locating tools and fixtures.
        // ManifestValidation runs the product's CRD validator (SchemaValidation) on rendered streams.
        .target(
            name: "TestSupport",
            dependencies: [
                "SchemaValidation", "YAMLStream", "YAMLSource", "YAMLScalars", "Platform", "YAMLEditing", "YAMLValues",
            ],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "YAMLStreamTests",
            dependencies: [
                "YAMLStream", "YAMLSource", "YAMLScalars", "Platform", "YAMLEditing", "YAMLValues", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "YAMLValuesTests",
            dependencies: [
                "YAMLValues", "YAMLReadBack", "YAMLStream", "YAMLSource", "YAMLScalars", "Platform", "YAMLEditing",
                "TestSupport",
            ]),
        .testTarget(
            name: "YAMLReadBackTests",
            dependencies: ["YAMLReadBack", "YAMLValues", "YAMLStream", "YAMLSource", "YAMLEditing", "TestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "CanaryRulesTests",
            dependencies: [
                "CanaryRules", "CanaryGroups", "StreamObjects", "KServeCanaryModel", "YAMLStream", "YAMLSource",
                "YAMLReadBack",
                "YAMLScalars",
                "Platform",
                "YAMLEditing", "YAMLValues", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "CLITests", dependencies: ["TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "PluginTests", dependencies: ["TestSupport"]),
        .testTarget(name: "ChartTests", dependencies: ["TestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "LifecycleTests",
            dependencies: [
                "CanaryLifecycle", "YAMLStream", "YAMLSource", "YAMLScalars", "Platform", "YAMLEditing", "TestSupport",
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "FluxTests",
            dependencies: ["FluxBuild", "HelmValues", "SchemaValidation", "YAMLValues", "TestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "AnalysisTests",
            dependencies: [
                "CanaryQueries", "CanaryAnalysis", "CanaryAdvance", "AnalysisHTTP", "CanaryLifecycle", "YAMLStream",
                "YAMLSource", "YAMLScalars", "YAMLEditing",
                "TestSupport",
            ],
            resources: [.copy("Fixtures")]
        ),
        // The kubectl oracle: generated kserve-general-like streams through the built binary, read back by
        // kubectl (issue 10, section 7). Regressions/ holds the minimal streams it found.
        .testTarget(name: "OracleTests", dependencies: ["TestSupport"], exclude: ["Regressions", "README.md"]),
    ]
)
