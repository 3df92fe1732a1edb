import ArgumentParser
import YAMLSource
import YAMLStream

/// A named input: a file path, or `-` for standard input.
struct Input {
    /// `<stdin>` or the path, as used in messages.
    var label: String
    var buffer: SourceBuffer

    /// Reads `path` (`-`: standard input); `rendered`: a stream of rendered manifests, read as
    /// Helm's kube client reads it (`SourceBuffer.lastLineEnded`).
    /// - Throws: `ExitCode(1)` after one line on standard error naming the file and the reason.
    static func load(_ path: String, rendered: Bool = false) throws -> Input {
        do throws(InputError) {
            return try read(path, rendered: rendered)
        } catch {
            Output.error("kserve-canary: error: \(error)")
            throw ExitCode(1)
        }
    }

    /// Reads `path` (`-`: standard input); see `load`.
    static func read(_ path: String, rendered: Bool = false) throws(InputError) -> Input {
        guard !path.isEmpty else { throw .emptyPath }
        do {
            if path == "-" {
                return Input(
                    label: "<stdin>", buffer: try SourceBuffer.read(fileDescriptor: 0, lastLineEnded: rendered))
            }
            return Input(label: path, buffer: try SourceBuffer.read(path: path, lastLineEnded: rendered))
        } catch {
            throw .unreadable(label: path == "-" ? "<stdin>" : path, error)
        }
    }
}

/// Why an input could not be read.
enum InputError: Error, CustomStringConvertible {
    case emptyPath
    case unreadable(label: String, SourceReadError)

    var description: String {
        switch self {
        case .emptyPath: return "the input path is empty; give a file, or - for standard input"
        case .unreadable(let label, let error): return "cannot read \(label): \(error)"
        }
    }
}
