import ArgumentParser

/// `--output` of `status`.
enum LifecycleOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
}
