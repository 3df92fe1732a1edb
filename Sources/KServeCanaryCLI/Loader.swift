import ArgumentParser
import YAMLStream

/// Reads inputs, turning I/O failures into a one-line error and exit status 1.
enum Loader {
    static func load(_ path: String) throws -> InputSource {
        do {
            return try InputSource.read(path)
        } catch {
            Output.error("kserve-canary: error: cannot read \(path == "-" ? "<stdin>" : path): \(error)")
            throw ExitCode(1)
        }
    }
}

