/// How kserve-general names the objects of a canary group `<group>`, and how KServe names what it
/// creates from them (one home for every naming convention).
///
/// - HelmReleases `<group>-primary` and `<group>-canary` (kserve-general's `hr-*.yaml`);
/// - each installs an InferenceService of the same name, for which KServe's Standard mode creates
///   the Deployment and Service `<isvc>-predictor` (kserve `pkg/constants` `PredictorServiceName`);
/// - the Service listens on port 80 (KServe's `service_reconciler.go` `createDefaultSvc`).
public enum CanaryNames {
    /// The HelmRelease (and InferenceService) name of `variant` in `group`.
    public static func release(group: String, variant: Variant) -> String { group + variant.suffix }

    /// The predictor Service and Deployment KServe creates for `variant` of `group`.
    public static func predictor(group: String, variant: Variant) -> String { group + variant.suffix + predictorSuffix }

    /// The InferenceService name a Flux HelmRelease `name` installs, kserve-model's fullname:
    /// `fullnameOverride` in its values, else Flux's Helm release name, `spec.releaseName` or
    /// `[<spec.targetNamespace>-]<metadata.name>` (helm-controller's `GetReleaseName`).
    public static func installedName(
        release name: String, targetNamespace: String?, releaseName: String?,
        fullnameOverride: String?
    ) -> String {
        if let fullnameOverride, !fullnameOverride.isEmpty { return fullnameOverride }
        return FluxReleaseNames.releaseName(releaseName: releaseName, targetNamespace: targetNamespace, name: name)
    }

    /// `-predictor`.
    public static let predictorSuffix = "-predictor"

    /// The port of KServe's predictor Service.
    public static let predictorPort = 80

    /// The group and variant of a release name `<group>-primary` / `<group>-canary`, if it is one.
    public static func parseRelease(_ name: String) -> (group: String, variant: Variant)? {
        if let ascii = onASCII(name, { split($0) }) { return ascii }
        for variant in Variant.allCases where name.hasSuffix(variant.suffix) && name.count > variant.suffix.count {
            return (String(name.dropLast(variant.suffix.count)), variant)
        }
        return nil
    }

    /// The group and variant of a predictor Service name `<group>-<variant>-predictor`, if it is one.
    public static func parsePredictor(_ service: String) -> (group: String, variant: Variant)? {
        let ascii = onASCII(service) { bytes in
            ends(bytes, with: predictorSuffix)
                ? split(UnsafeBufferPointer(rebasing: bytes.dropLast(predictorSuffix.utf8.count))) : nil
        }
        if let ascii { return ascii }
        guard service.hasSuffix(predictorSuffix) else { return nil }
        return parseRelease(String(service.dropLast(predictorSuffix.count)))
    }

    /// `body` of the bytes of `text` when it is ASCII (every name Kubernetes accepts; then
    /// characters are bytes and names can be cut on bytes); nil for other text.
    private static func onASCII<T>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T?) -> T?? {
        var text = text
        return text.withUTF8 { bytes in bytes.allSatisfy({ $0 < 0x80 }) ? .some(body(bytes)) : nil }
    }

    private static func ends(_ bytes: UnsafeBufferPointer<UInt8>, with suffix: String) -> Bool {
        var suffix = suffix
        return suffix.withUTF8 { s in
            bytes.count >= s.count && UnsafeBufferPointer(rebasing: bytes[(bytes.count - s.count)...]).elementsEqual(s)
        }
    }

    /// `parseRelease` on the bytes of an ASCII name.
    private static func split(_ name: UnsafeBufferPointer<UInt8>) -> (group: String, variant: Variant)? {
        for variant in [Variant.primary, .canary] where ends(name, with: variant.suffix) {
            let group = name.count - variant.suffix.utf8.count
            if group > 0 { return (String(decoding: name[..<group], as: UTF8.self), variant) }
        }
        return nil
    }

    /// The longest InferenceService name: KServe labels pods `app: isvc.<isvc>-predictor`, and a
    /// label value has at most 63 characters (`isvc.` + name + `-predictor`).
    public static let maxInferenceServiceName = 63 - "isvc.".count - "-predictor".count

    /// The longest group name: its canary InferenceService is `<group>-canary`... and
    /// `<group>-primary`, the longer of the two, must fit `maxInferenceServiceName`.
    public static let maxGroupName = maxInferenceServiceName - "-primary".count
}

/// The labels kserve-general puts on the documents of a canary group.
public enum CanaryLabels {
    /// The group name, on both HelmReleases and the VirtualService.
    public static let group = "kserve-canary.io/group"
    /// `primary` or `canary`, on the HelmReleases.
    public static let variant = "kserve-canary.io/variant"
}

/// The charts of the product.
public enum CanaryCharts {
    /// The chart of one model (each variant's HelmRelease uses it).
    public static let model = "kserve-model"
    /// The chart of one canary: the parent of the two model releases.
    public static let general = "kserve-general"
}

/// Which `-primary`/`-canary` HelmReleases are model releases of a canary group on their own.
public enum CanaryMembership {
    /// A release labelled by kserve-general, or released with one of `modelCharts`, is ours; so is
    /// one a VirtualService routes to (decided with the whole stream). A pair of another chart is not.
    public static func isModelRelease(labels: [String: String], chart: String?, modelCharts: Set<String>) -> Bool {
        labels[CanaryLabels.group] != nil || chart.map(modelCharts.contains) == true
    }
}
