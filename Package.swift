// swift-tools-version: 6.1
// kserve-canary: model canary for KServe RawDeployment mode, as a Helm post-renderer over libyaml.
import PackageDescription

let package = Package(
    name: "kserve-canary",
    products: [
        .executable(name: "kserve-canary", targets: ["kserve-canary"]),
        .library(name: "YAMLStream", targets: ["YAMLStream"]),
        .library(name: "CanaryRules", targets: ["CanaryRules"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // Debian: libyaml-dev (pkg-config yaml-0.1).
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // The YAML layer: events, marks, documents, byte ranges and edits. Knows nothing of Kubernetes.
        .target(name: "YAMLStream", dependencies: ["CYAML"]),
        // The canary rules: Flux, Istio and KServe knowledge. Knows nothing of the CLI.
        .target(name: "CanaryRules", dependencies: ["YAMLStream"]),
        // The canary lifecycle in git: start, set-weight, step, promote, rollback, status as surgical
        // edits of a HelmRelease or values file. Knows nothing of the CLI.
        .target(name: "CanaryLifecycle", dependencies: ["YAMLStream"]),
        // Flux knowledge: helm-controller's values composition, postRenderers patches, HelmRelease
        // reading and the offline `flux build`. Knows nothing of the CLI.
        .target(name: "FluxSupport", dependencies: ["YAMLStream", "CanaryRules"]),
        // The command line: argument parsing, files, exit codes.
        .target(
            name: "KServeCanaryCLI",
            dependencies: [
                "YAMLStream", "CanaryRules", "CanaryLifecycle", "FluxSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "kserve-canary", dependencies: ["KServeCanaryCLI"]),

        // Shared helpers for the test targets: spawning processes, locating tools and fixtures.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "YAMLStreamTests",
            dependencies: ["YAMLStream", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "CanaryRulesTests",
            dependencies: ["CanaryRules", "YAMLStream", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "CLITests", dependencies: ["TestSupport"]),
        .testTarget(name: "PluginTests", dependencies: ["TestSupport"]),
        .testTarget(name: "ChartTests", dependencies: ["TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "LifecycleTests", dependencies: ["CanaryLifecycle", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "FluxTests", dependencies: ["FluxSupport", "TestSupport"], exclude: ["Fixtures"]),
        // The kubectl oracle: generated kserve-general-like streams through the built binary, read back by
        // kubectl (issue 10, section 7). Regressions/ holds the minimal streams it found.
        .testTarget(name: "OracleTests", dependencies: ["TestSupport"], exclude: ["Regressions", "README.md"]),
    ]
)
