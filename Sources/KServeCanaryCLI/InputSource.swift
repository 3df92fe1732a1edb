import YAMLStream

#if canImport(Glibc)
import Glibc
#endif

/// A named input: a file path, or `-` for standard input.
struct InputSource {
    /// `<stdin>` or the path, as used in messages.
    var label: String
    var buffer: SourceBuffer

    static func read(_ path: String) throws -> InputSource {
        if path == "-" {
            return InputSource(label: "<stdin>", buffer: try SourceBuffer.read(fileDescriptor: 0))
        }
        return InputSource(label: path, buffer: try SourceBuffer.read(path: path))
    }
}
