import Foundation
import TestSupport
import Testing

/// The chart side of the Istio, Envoy and envoyproxy/ratelimit behaviour kserve-model relies on
/// (docs/kserve-semantics.md names the upstream file and function of each).
@Suite("kserve-model against Istio, Envoy and envoyproxy/ratelimit")
struct IstioEnvoySemanticsTests {
    static let chart = "kserve-model"

    static func predictorLabels(_ m: Manifest) throws -> [String: Any] {
        (at(try m.one("InferenceService", "sklearn"), "spec", "predictor", "labels") as? [String: Any]) ?? [:]
    }

    /// Istio policies (RequestAuthentication, AuthorizationPolicy, PeerAuthentication, EnvoyFilter,
    /// Telemetry) act only in a pod's sidecar; KServe's Standard mode injects none. Istio's injector
    /// webhook injects pods labelled `sidecar.istio.io/inject: "true"` in namespaces without an injection
    /// label, or `istio.io/rev: <rev>` for a revision (manifests/charts/istio-control/istio-discovery/
    /// templates/mutatingwebhook.yaml, the "object." and "rev.object." webhooks).
    @Test(
        "a policy on labels the pods for injection; none on, no label; revision and namespace modes",
        arguments: HelmMajor.allCases)
    func sidecarInjection(helm: HelmMajor) throws {
        let none = try Charts.renderObjects(helm, chart: Self.chart, set: Charts.withStorageUri)
        #expect(try Self.predictorLabels(none).isEmpty)
        for feature in [
            "jwt.enabled=true,jwt.issuer=https://i/,jwt.jwksUri=https://i/k",
            "jwt.customAuthz.enabled=true,jwt.customAuthz.provider=opa",
            "peerAuthentication.enabled=true", "rateLimit.enabled=true", "rateLimit.global.enabled=true",
            "accessLog.enabled=true",
        ] {
            let m = try Charts.renderObjects(helm, chart: Self.chart, set: Charts.withStorageUri + [feature])
            #expect(try Self.predictorLabels(m)["sidecar.istio.io/inject"] as? String == "true", "\(feature)")
        }
        let revision = try Charts.renderObjects(
            helm, chart: Self.chart,
            set: Charts.withStorageUri
                + ["rateLimit.enabled=true", "istio.revision=1-30"])
        #expect(jsonEqual(try Self.predictorLabels(revision), ["istio.io/rev": "1-30"]))
        let always = try Charts.renderObjects(
            helm, chart: Self.chart,
            set: Charts.withStorageUri + ["istio.sidecarInjection=always"])
        #expect(jsonEqual(try Self.predictorLabels(always), ["sidecar.istio.io/inject": "true"]))
        let namespace = try Charts.renderObjects(
            helm, chart: Self.chart,
            set: Charts.withStorageUri
                + ["rateLimit.enabled=true", "istio.sidecarInjection=namespace"])
        #expect(try Self.predictorLabels(namespace).isEmpty)
        // A hand-written injection label would fight the setting.
        let manual = try Charts.template(
            helm, chart: Self.chart, set: Charts.withStorageUri,
            setString: [
                "inferenceservice.predictor.labels.sidecar\\.istio\\.io/inject=false"
            ])
        #expect(manual.status != 0)
        #expect(
            manual.stderrText.contains("inferenceservice.predictor.labels.sidecar.istio.io/inject"),
            "\(manual.stderrText)")
    }

    @Test("NOTES say when policies depend on the namespace injecting")
    func sidecarNotes() throws {
        let result = try ProcessRunner.run(
            try HelmMajor.helm4.path(),
            [
                "install", "sklearn", Charts.chartDir(Self.chart), "--dry-run=client", "-n", "sample-dev",
                "--set", Charts.withStorageUri[0], "--set", "rateLimit.enabled=true",
                "--set", "istio.sidecarInjection=namespace",
            ])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(
            result.stdoutText.contains("are NOT labelled for injection (istio.sidecarInjection=namespace)"),
            "\(result.stdoutText)")
    }

    /// Envoy's local rate limit refuses a fill interval under 50ms ("local rate limit token bucket fill
    /// timer must be >= 50ms", source/extensions/filters/common/local_ratelimit/local_ratelimit_impl.cc
    /// LocalRateLimiterImpl::LocalRateLimiterImpl); the field is a google.protobuf.Duration, whose JSON
    /// form is seconds with an `s` suffix (protobuf-go encoding/protojson well_known_types.go
    /// parseDuration): `1m` is not one.
    @Test(
        "fillInterval: protobuf seconds of at least 50ms render; minutes, 49ms, 0 and bare numbers are refused",
        arguments: HelmMajor.allCases)
    func fillInterval(helm: HelmMajor) throws {
        for value in ["60s", "1s", "0.05s", "0.5s", "1.5s", "3600s"] {
            let m = try Charts.renderObjects(
                helm, chart: Self.chart,
                set: Charts.withStorageUri + ["rateLimit.enabled=true"],
                setString: ["rateLimit.fillInterval=" + value])
            let ef = try m.one("EnvoyFilter", "sklearn-predictor-ratelimit")
            #expect(
                at(
                    ef, "spec", "configPatches", 0, "patch", "value", "typed_config", "token_bucket",
                    "fill_interval")
                    as? String == value)
        }
        for value in ["1m", "0.049s", "0s", "60", "50ms", "-1s", "1h"] {
            let result = try Charts.template(
                helm, chart: Self.chart,
                set: Charts.withStorageUri + ["rateLimit.enabled=true"],
                setString: ["rateLimit.fillInterval=" + value])
            #expect(result.status != 0, "\(value) was accepted")
            #expect(result.stderrText.contains("fillInterval"), "\(value): \(result.stderrText)")
        }
    }

    /// envoyproxy/ratelimit loads one YAML file per domain (src/config/config_impl.go loadConfig refuses a
    /// duplicate domain), accepts only its own keys (validateYamlKeys, validKeys) and units
    /// (loadDescriptors); Envoy's ratelimit filter sends one descriptor per rate_limits entry, an entry per
    /// action, and none when an action produces no entry (route_components.proto RateLimit.Action:
    /// header_value_match with expect_match false). Istio names the outbound cluster of a Service
    /// `outbound|<port>||<host>` (pilot/pkg/model/service.go BuildSubsetKey).
    @Test(
        "global rate limit: the ConfigMap is a valid ratelimit config whose descriptor the EnvoyFilter sends",
        arguments: HelmMajor.allCases)
    func globalRateLimit(helm: HelmMajor) throws {
        let m = try Charts.renderObjects(helm, chart: Self.chart, values: ["ci/full-values.yaml"])
        let ef = try m.one("EnvoyFilter", "sklearn-predictor-ratelimit-global")
        let filter = at(ef, "spec", "configPatches", 0, "patch", "value", "typed_config")
        #expect(
            at(
                filter,
                "@type") as? String == "type.googleapis.com/envoy.extensions.filters.http.ratelimit.v3.RateLimit")
        #expect(at(filter, "domain") as? String == "sample-dev.sklearn")
        #expect(at(filter, "timeout") as? String == "0.1s")
        #expect(
            at(filter, "rate_limit_service", "grpc_service", "envoy_grpc", "cluster_name") as? String
                == "outbound|8081||ratelimit.ratelimit.svc.cluster.local")
        #expect(
            at(ef, "spec", "configPatches", 0, "match", "listener", "filterChain", "filter", "subFilter", "name")
                as? String == "envoy.filters.http.router")
        let actions =
            at(
                ef, "spec", "configPatches", 1, "patch", "value", "rate_limits", 0,
                "actions") as? [[String: Any]] ?? []
        #expect(at(actions.first, "generic_key", "descriptor_key") as? String == "model")
        #expect(at(actions.first, "generic_key", "descriptor_value") as? String == "sklearn")
        #expect(at(actions.last, "header_value_match", "descriptor_value") as? String == "inference")
        #expect(at(actions.last, "header_value_match", "expect_match") as? Bool == false)

        let configMap = try m.one("ConfigMap", "sklearn-ratelimit")
        #expect(at(configMap, "metadata", "labels", "ratelimit.envoyproxy.io/config") as? String == "true")
        let data = at(configMap, "data") as? [String: String] ?? [:]
        #expect(Array(data.keys) == ["sample-dev.sklearn.yaml"])
        let config = try RateLimitConfig.check(data["sample-dev.sklearn.yaml"] ?? "")
        #expect(config.domain == "sample-dev.sklearn")
        #expect(config.descriptorPaths == [["model=sklearn", "header_match=inference"]])
        #expect(config.limits == ["1000/minute"])
    }

    /// Istio's VirtualService CRD: `timeout` must be a duration of at least 1ms (CEL
    /// `duration(self) >= duration('1ms')`); gateways are `<namespace>/<name>` (or `mesh`).
    @Test("exposure: timeouts under 1ms and gateways without a namespace are refused", arguments: HelmMajor.allCases)
    func exposure(helm: HelmMajor) throws {
        let base = Charts.withStorageUri + ["exposeModel.enabled=true", "env=sandbox", "region=uw2"]
        for timeout in ["1ms", "60s", "1m30s", "2h"] {
            let stream = try Charts.render(
                helm, chart: Self.chart, set: base,
                setString: ["exposeModel.timeout=" + timeout])
            #expect(try Charts.validate(stream).status == 0, "\(timeout)")
        }
        for timeout in ["0s", "0ms", "1us", "1.5s", "60"] {
            let result = try Charts.template(
                helm, chart: Self.chart, set: base,
                setString: ["exposeModel.timeout=" + timeout])
            #expect(result.status != 0, "\(timeout) was accepted")
            #expect(result.stderrText.contains("timeout"), "\(timeout): \(result.stderrText)")
        }
        for gateways in [
            "exposeModel.gateways={sample-gateway}", "exposeModel.gateways=null",
            "exposeModel.gateways={}",
        ] {
            let result = try Charts.template(helm, chart: Self.chart, set: base + [gateways])
            #expect(result.status != 0, "\(gateways) was accepted")
            #expect(result.stderrText.contains("gateways"), "\(gateways): \(result.stderrText)")
        }
    }
}

/// The rules envoyproxy/ratelimit applies to a config file (src/config/config_impl.go), checked on the
/// rendered file as the service reads it (go-yaml v2; here through kubectl, the same reader).
struct RateLimitConfig {
    static let validKeys: Set<String> = [
        "domain", "key", "value", "descriptors", "rate_limit", "unit", "requests_per_unit", "unlimited", "shadow_mode",
        "quota_mode", "name", "replaces", "detailed_metric", "value_to_metric", "share_threshold", "metadata",
    ]
    static let units: Set<String> = ["SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "YEAR"]
    var domain = ""
    var descriptorPaths: [[String]] = []
    var limits: [String] = []

    static func check(_ text: String) throws -> RateLimitConfig {
        // Read by kubectl (sigs.k8s.io/yaml, go-yaml v2: the reader the service uses too).
        let root = try Charts.values(text)
        var config = RateLimitConfig()
        try validate(root)
        config.domain = root["domain"] as? String ?? ""
        guard !config.domain.isEmpty else { throw TestFailure("config file cannot have empty domain") }
        func walk(_ descriptors: [[String: Any]], _ path: [String]) throws {
            var seen: Set<String> = []
            for descriptor in descriptors {
                guard let key = descriptor["key"] as? String, !key.isEmpty else {
                    throw TestFailure("descriptor has empty key")
                }
                let entry = key + "=" + (descriptor["value"] as? String ?? "")
                guard seen.insert(entry).inserted else {
                    throw TestFailure("duplicate descriptor composite key \(entry)")
                }
                if let limit = descriptor["rate_limit"] as? [String: Any] {
                    let unit = (limit["unit"] as? String ?? "").uppercased()
                    guard units.contains(unit) else { throw TestFailure("invalid rate limit unit \(unit)") }
                    config.descriptorPaths.append(path + [entry])
                    config.limits.append("\(limit["requests_per_unit"] as? Int ?? -1)/\(unit.lowercased())")
                }
                try walk(descriptor["descriptors"] as? [[String: Any]] ?? [], path + [entry])
            }
        }
        try walk(root["descriptors"] as? [[String: Any]] ?? [], [])
        return config
    }

    static func validate(_ value: Any) throws {
        if let map = value as? [String: Any] {
            for (key, sub) in map {
                guard validKeys.contains(key) else { throw TestFailure("config error, unknown key '\(key)'") }
                if key != "metadata" { try validate(sub) }
            }
        } else if let list = value as? [Any] {
            for item in list {
                guard item is [String: Any] else { throw TestFailure("yaml file contains list of type other than map") }
                try validate(item)
            }
        }
    }
}
