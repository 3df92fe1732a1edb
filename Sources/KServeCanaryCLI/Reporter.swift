import CanaryRules

/// Prints diagnostics, one line each, to stderr.
enum Reporter {
    static func report(_ diagnostics: [Diagnostic], file: String) {
        var text = ""
        for d in diagnostics { text += d.formatted(file: file) + "\n" }
        let count = diagnostics.count
        text += "kserve-canary: \(count) problem\(count == 1 ? "" : "s") found; nothing was written\n"
        Output.error(text)
    }
}
