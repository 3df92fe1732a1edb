import ArgumentParser
import CanaryRules

/// `--weights strict|normalize`.
enum WeightModeArgument: String, ExpressibleByArgument, CaseIterable {
    case strict
    case normalize

    var mode: WeightMode { self == .strict ? .strict : .normalize }
}
