import KServeCanaryModel
import Testing

/// The names of a canary group, read on the bytes for ASCII names and by characters otherwise:
/// both ways must agree with the definition (`<group>-<variant>`, `<group>-<variant>-predictor`).
@Suite("Canary names")
struct CanaryNamesTests {
    static let releases: [(String, String?, Variant?)] = [
        ("sklearn-primary", "sklearn", .primary), ("sklearn-canary", "sklearn", .canary),
        ("a-primary-canary", "a-primary", .canary), ("-primary", nil, nil), ("-canary", nil, nil),
        ("primary", nil, nil), ("sklearn", nil, nil), ("x-Primary", nil, nil), ("", nil, nil),
        ("größe-primary", "größe", .primary), ("e\u{301}-canary", "e\u{301}", .canary),
        ("\u{301}-primary", "\u{301}", .primary),
    ]

    @Test(arguments: releases)
    func releaseNames(_ name: String, _ group: String?, _ variant: Variant?) {
        let parsed = CanaryNames.parseRelease(name)
        #expect(parsed?.group == group)
        #expect(parsed?.variant == variant)
        // The predictor Service of the same name parses to the same group and variant.
        let predictor = CanaryNames.parsePredictor(name + CanaryNames.predictorSuffix)
        #expect(predictor?.group == group)
        #expect(predictor?.variant == variant)
    }

    @Test func predictorNamesNeedTheSuffix() {
        #expect(CanaryNames.parsePredictor("sklearn-primary") == nil)
        #expect(CanaryNames.parsePredictor("sklearn-primary-predictorx") == nil)
        #expect(CanaryNames.parsePredictor("-predictor") == nil)
        #expect(CanaryNames.parsePredictor("größe-canary-predictor")?.group == "größe")
    }

    @Test func apiGroupsAreCutAtTheFirstSlash() {
        #expect(KubernetesKinds.group(of: "helm.toolkit.fluxcd.io/v2") == "helm.toolkit.fluxcd.io")
        #expect(KubernetesKinds.group(of: "v1") == "")
        #expect(KubernetesKinds.group(of: "a/b/c") == "a")
        #expect(KubernetesKinds.isHelmRelease(apiVersion: "helm.toolkit.fluxcd.io/v2beta2", kind: "HelmRelease"))
        #expect(!KubernetesKinds.isHelmRelease(apiVersion: "helm.toolkit.fluxcd.io", kind: "HelmRelease"))
        #expect(KubernetesKinds.isVirtualService(apiVersion: "networking.istio.io/v1", kind: "VirtualService"))
    }
}
