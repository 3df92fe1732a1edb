import Foundation

/// How one case came out, judged against the rules and kubectl's reading.
struct Verdict: Sendable {
    enum Outcome: String, Sendable, CaseIterable {
        case accepted
        /// Refused an input the rules forbid.
        case refusedRequired = "refused (required)"
        /// Refused an input the rules allow, in a layout the tool may refuse (issue 10 allows it).
        case refusedValid = "refused (valid input)"
        case disagreement
        /// kubectl cannot read the generated input (a generator defect).
        case skipped
    }

    struct Problem: Sendable {
        /// A short, stable name of what went wrong (`accepted-invalid`, `value-differs`, ...).
        var category: String
        /// What differed, in words.
        var detail: String
    }

    var outcome: Outcome
    var problems: [Problem] = []
    /// What the rules say: `valid` or `must refuse: why`.
    var expectation: String
    /// The tool's first stderr line (refusals) for the report.
    var toolMessage: String = ""

    /// The first problem's signature: groups equal causes.
    var signature: String { problems.first.map(Self.signature) ?? outcome.rawValue }

    /// Category plus detail with numbers and object names blurred.
    static func signature(_ p: Problem) -> String {
        var detail = blur(p.detail)
        if p.category.hasPrefix("value-differs") || p.category == "changed-unowned-document" {
            detail = String(detail.prefix { $0 != ":" })  // the path, not the values
        }
        return p.category + ": " + detail.prefix(150)
    }

    /// A message with numbers, object names and positions replaced by `#` / `X`.
    static func blur(_ text: String) -> String {
        text.replacingOccurrences(
            of: #"(HelmRelease|VirtualService)/[^ .:)]*"#, with: "$1/X", options: .regularExpression
        )
        .replacingOccurrences(
            of: #"[a-z0-9-]+-(primary|canary)-predictor(\.[a-z0-9.-]*[a-z])?"#, with: "X-$1-predictor$2",
            options: .regularExpression
        )
        .replacingOccurrences(
            of: #"\.[a-z0-9-]+\.svc\.cluster\.local"#, with: ".NS.svc.cluster.local", options: .regularExpression
        )
        .replacingOccurrences(
            of: #"(release|no|group) [a-z0-9/-]+"#, with: "$1 X", options: .regularExpression
        )
        .replacingOccurrences(of: #"\[[0-9]+\]|[0-9]+"#, with: "#", options: .regularExpression)
    }
}

/// Layout features under which issue 10 lets the tool refuse a valid input ("works or is refused").
/// A refusal of a valid input with none of these is an over-refusal: a disagreement.
enum RefusalPolicy {
    /// The feature of a regression stream that the tool may refuse.
    static let mayRefuse = "regression.may-refuse"
    static let toleratedPrefixes = [
        "yaml.", "list.", "route.tcp", "route.tls", "model.flow", "uri.nel", "uri.ls", "uri.ps", "uri.multi-line",
        "args.model-name-unicode", "args.unicode-break", "weights.anchor-alias", "mistake.", "regression.may-refuse",
        // Stream constructs kubectl fails on or reads otherwise than libyaml (docs/yaml-rules.md section 3);
        // their look-alikes, `kubectl-ok.*`, must be accepted.
        "kubectl.",
    ]
    static let toleratedSuffixes = [".literal", ".literal-clip", ".folded"]
    static let toleratedWeights: Set<String> = [
        "weight.quoted", "weight.octal-trap", "weight.octal", "weight.hex", "weight.0o", "weight.0b", "weight.sign",
        "weight.underscore", "weight.float", "weight.exponent", "weight.tag-int", "weight.tag-str", "weight.tag-float",
        "weight.mixed", "weight.block-scalar", "weight.literal",
    ]

    static func isTolerated(_ feature: String) -> Bool {
        toleratedWeights.contains(feature) || toleratedPrefixes.contains { feature.hasPrefix($0) }
            || (feature.hasPrefix("storageUri.") || feature.hasPrefix("newStorageUri.")
                || feature.hasPrefix("args-item."))
                && toleratedSuffixes.contains { feature.hasSuffix($0) }
    }

    /// Whether refusing this valid case is a defect.
    static func mustAccept(_ features: Set<String>) -> Bool {
        !features.contains(where: isTolerated)
    }
}
