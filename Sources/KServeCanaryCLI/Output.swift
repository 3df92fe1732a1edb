import ArgumentParser
import FoundationEssentials
import Platform
import YAMLEditing
import YAMLSource
import YAMLStream

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writing to the standard streams with `write(2)` (no stdio buffering to interleave with).
enum Output {
    /// Writes `text` (newline-terminated) to standard error.
    static func error(_ text: String) {
        var text = text
        if !text.hasSuffix("\n") { text += "\n" }
        _ = FileDescriptorOutput.write(Array(text.utf8), to: 2)
    }

    /// Writes `text` to standard output.
    /// - Throws: `ExitCode(1)` after saying so on standard error when the write fails (a full
    ///   disk, a closed pipe): a command never exits 0 with output that did not arrive.
    static func out(_ text: String) throws {
        try out(bytes: Array(text.utf8))
    }

    /// Writes `bytes` to standard output; see `out(_:)`.
    static func out(bytes: [UInt8]) throws {
        guard FileDescriptorOutput.write(bytes, to: 1) else { throw writeFailure() }
    }

    /// Writes the edited stream to standard output; see `out(_:)`.
    static func out(_ edits: [ByteEdit], source: SourceBuffer) throws {
        guard EditApplier.write(edits, source: source, fileDescriptor: 1) else { throw writeFailure() }
    }

    /// `value` as indented JSON with sorted keys (a stable order), newline-terminated.
    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Our Encodable types only hold strings, numbers, booleans and lists of them.
        return ((try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null") + "\n"
    }

    private static func writeFailure() -> ExitCode {
        error("kserve-canary: error: cannot write to stdout: \(String(cString: strerror(errno)))")
        return ExitCode(1)
    }
}

/// Text from the input shown in a terminal table: control characters (ESC, CR, line breaks, ...)
/// are escaped so that input cannot move the cursor, recolour or hide lines.
enum TerminalText {
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || v == 0x7F || (v >= 0x80 && v <= 0x9F) || v == 0x2028 || v == 0x2029 {
                let hex = String(v, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Rows of cells as an aligned table: every column padded to its widest cell, two spaces apart.
    static func table(_ rows: [[String]]) -> String {
        let escaped = rows.map { $0.map(escape) }
        var widths: [Int] = []
        for row in escaped {
            for (i, cell) in row.enumerated() {
                if i == widths.count { widths.append(0) }
                widths[i] = max(widths[i], cell.count)
            }
        }
        return escaped.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}

/// `--output table|json`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
}
