#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits a stream into byte ranges at document boundaries, so that the parts can be parsed
/// independently (and in parallel): each part after the first starts at a `---` line after a line
/// feed that kubectl and libyaml both read as a document separator (`KubectlSeparators`); libyaml
/// starts a document there (or fails), inside block and flow content alike.
public enum StreamSplitter {
    /// One part of the stream: its bytes and the 1-based line its first byte is on.
    public struct Part: Sendable, Equatable {
        /// The bytes.
        public var range: Range<Int>
        /// The line of `range.lowerBound`.
        public var line: Int

        /// A part over `range` whose first line is `line`.
        package init(range: Range<Int>, line: Int) {
            self.range = range
            self.line = line
        }
    }

    /// Up to `count` parts of about equal size. The stream stays whole when it is small, has no
    /// `---` line near a cut, or uses directives (`%YAML`, `%TAG` apply to the next document).
    public static func parts(of source: SourceBuffer, count: Int, minimumSize: Int = 1 << 20) -> [Part] {
        let whole = [Part(range: 0..<source.count, line: 1)]
        guard count > 1, source.count >= minimumSize, !hasDirectives(source) else { return whole }
        var cuts: [Int] = []
        for i in 1..<count {
            guard let cut = documentStart(in: source, from: source.count * i / count),
                cut > (cuts.last ?? 0), cut < source.count
            else { continue }
            cuts.append(cut)
        }
        guard !cuts.isEmpty else { return whole }
        var parts: [Part] = []
        var start = 0
        for cut in cuts + [source.count] {
            parts.append(Part(range: start..<cut, line: start == 0 ? 1 : source.lineAndColumn(of: start).line))
            start = cut
        }
        return parts
    }

    /// The first line after the line of `offset` (or at 0) that begins a document for kubectl and
    /// libyaml alike: a `---` line after LF (`KubectlSeparators`), never one they read differently.
    package static func documentStart(in source: SourceBuffer, from offset: Int) -> Int? {
        var i = offset <= 0 ? 0 : KubectlSeparators.lineEnd(source, from: offset) + 1
        while i < source.count {
            if KubectlSeparators.isAgreedSeparator(source, lineAt: i) { return i }
            i = KubectlSeparators.lineEnd(source, from: i) + 1
        }
        return nil
    }

    /// Whether a line starts with `%` (a directive, or a stray one: either way, do not cut).
    package static func hasDirectives(_ source: SourceBuffer) -> Bool {
        source.withBytes(0..<source.count) { bytes in
            guard let base = bytes.baseAddress else { return false }
            var i = 0
            while i < bytes.count, let hit = memchr(base + i, 0x25, bytes.count - i) {
                let at = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
                if at == 0 || bytes[at - 1] == 0x0A || bytes[at - 1] == 0x0D { return true }
                i = at + 1
            }
            return false
        }
    }
}
