import CanaryRules
import StreamObjects

/// Prints diagnostics, one line each, to stderr.
enum Reporter {
    /// Every diagnostic, then a count (`or more` when reading stopped early).
    static func report(_ diagnostics: [Diagnostic], file: String, stoppedEarly: Bool) {
        var text = ""
        for d in diagnostics { text += d.formatted(file: file) + "\n" }
        let count = diagnostics.count
        text +=
            """
            kserve-canary: \(count)\(stoppedEarly ? " or more" : "") problem\(count == 1 ? "" : "s") found; \
            nothing was written\n
            """
        Output.error(text)
    }
}
