#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A problem a byte scan of the stream finds before libyaml sees it: where, and what to say.
package struct StreamLineProblem {
    package var offset: Int
    package var message: String
}

/// kubectl's document separators, found by a byte scan.
///
/// kubectl does not split a stream with a YAML parser: k8s.io/apimachinery's `YAMLReader`
/// (`pkg/util/yaml/decoder.go`) reads lines ending in LF, and every line that begins with `---`
/// is a separator; the rest of that line, trimmed of (Unicode) white space, must be empty or
/// start with `#`, else kubectl fails ("invalid Yaml document separator"). go-yaml then reads
/// only the first document of each piece. libyaml starts a document at `---` followed by a YAML
/// blank or line break (CR, LF, NEL, LS, PS) at column 0. The two agree only on lines that begin
/// with `---` followed by nothing, or by spaces or tabs and an optional comment, with no other
/// line break before the LF; every other line that begins with `---` is reported here.
package enum KubectlSeparators {
    /// How a line that begins with `---` reads.
    package enum LineKind: Equatable {
        /// A separator for kubectl and a document start for libyaml.
        case agreed
        /// kubectl and libyaml disagree (or kubectl fails): the message says how.
        case problem(String)
    }

    /// Whether the line at `i` (a line start after LF, or the stream start) begins with `---` and
    /// both kubectl and libyaml read it as the start of a document.
    package static func isAgreedSeparator(_ source: SourceBuffer, lineAt i: Int) -> Bool {
        guard i + 3 <= source.count, source.base[i] == 0x2D, source.base[i + 1] == 0x2D, source.base[i + 2] == 0x2D
        else { return false }
        return classify(source, lineAt: i) == .agreed
    }

    /// The problems of every line in `range` that begins with `---` (at most `limit`), and byte
    /// order marks that start a document after the first.
    package static func problems(in source: SourceBuffer, range: Range<Int>, limit: Int) -> [StreamLineProblem] {
        var out: [StreamLineProblem] = []
        let base = source.base
        let end = range.upperBound
        func check(_ i: Int) {
            guard i + 3 <= end, base[i] == 0x2D, base[i + 1] == 0x2D, base[i + 2] == 0x2D else { return }
            switch classify(source, lineAt: i) {
            case .problem(let message):
                out.append(StreamLineProblem(offset: i, message: message))
            case .agreed:
                // go-yaml strips a byte order mark at the start of its input, that is at the start
                // of every piece kubectl splits; libyaml skips it only at the start of the stream.
                let next = lineEnd(source, from: i) + 1
                if i > 0, next + 3 <= end, base[next] == 0xEF, base[next + 1] == 0xBB, base[next + 2] == 0xBF {
                    out.append(
                        StreamLineProblem(
                            offset: next,
                            message: "a byte order mark (U+FEFF) starts this document: kubectl (go-yaml) skips it, "
                                + "libyaml reads it as a character before the first key; remove it (only the "
                                + "start of the stream may have one)"))
                }
            }
        }
        var i = range.lowerBound
        if i < end && (i == 0 || base[i - 1] == 0x0A) { check(i) }
        // 64 bytes at a time, as four 16-byte vectors: only a block with an LF followed by `-` (a
        // line that begins with `-`, rare at column 0) is looked at byte by byte.
        let lf = SIMD16<UInt8>(repeating: 0x0A)
        let dash = SIMD16<UInt8>(repeating: 0x2D)
        @inline(__always) func starts(_ at: Int) -> SIMDMask<SIMD16<Int8>> {
            let here = UnsafeRawPointer(base + at).loadUnaligned(as: SIMD16<UInt8>.self)
            let next = UnsafeRawPointer(base + at + 1).loadUnaligned(as: SIMD16<UInt8>.self)
            return (here .== lf) .& (next .== dash)
        }
        while i &+ 65 <= end {
            let block = starts(i) .| starts(i &+ 16) .| starts(i &+ 32) .| starts(i &+ 48)
            let bits = unsafeBitCast(block, to: SIMD2<UInt64>.self)
            if bits[0] | bits[1] != 0 {
                for v in stride(from: i, to: i + 64, by: 16) {
                    let lanes = unsafeBitCast(starts(v), to: SIMD2<UInt64>.self)
                    for half in 0..<2 {
                        var word = lanes[half]  // 0xFF in each byte where an LF is followed by `-`
                        while word != 0 {
                            let byte = word.trailingZeroBitCount / 8
                            check(v + half * 8 + byte + 1)
                            word &= ~(0xFF << UInt64(byte * 8))
                        }
                    }
                }
                if out.count >= limit { return out }
            }
            i &+= 64
        }
        while i + 1 < end && out.count < limit {
            if base[i] == 0x0A && base[i + 1] == 0x2D { check(i + 1) }
            i += 1
        }
        return out
    }

    /// Whether a part holds the bytes the scalar checks look for (`ParsePass.checkScalar`): then
    /// only are scalars checked, so a stream without them pays two `memchr` scans.
    package struct ScalarHints {
        /// A backslash followed by `/`.
        package var slashEscape = false
        /// A `?`.
        package var questionMark = false
        /// Either.
        package var any: Bool { slashEscape || questionMark }

        /// Hints for a part that holds neither.
        package init() {}
    }

    /// The `ScalarHints` of `range`.
    package static func scalarHints(in source: SourceBuffer, range: Range<Int>) -> ScalarHints {
        var hints = ScalarHints()
        let base = source.base
        let end = range.upperBound
        hints.questionMark = range.isEmpty ? false : memchr(base + range.lowerBound, 0x3F, range.count) != nil
        var i = range.lowerBound
        while i < end, let hit = memchr(base + i, 0x5C, end - i) {
            i = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - UnsafePointer(base) + 1
            if i < end && base[i] == 0x2F {
                hints.slashEscape = true  // maybe: `\\/` (a backslash, then `/`) is told apart per scalar
                break
            }
        }
        return hints
    }

    /// Offset of the LF ending the line that contains `i`, or the end of the stream.
    package static func lineEnd(_ source: SourceBuffer, from i: Int) -> Int {
        guard i < source.count, let hit = memchr(source.base + i, 0x0A, source.count - i) else { return source.count }
        return UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - UnsafePointer(source.base)
    }

    /// How the line at `i`, which begins with `---`, reads for kubectl and for libyaml.
    package static func classify(_ source: SourceBuffer, lineAt i: Int) -> LineKind {
        let base = source.base
        var end = lineEnd(source, from: i)
        if end > i + 3 && base[end - 1] == 0x0D { end -= 1 }  // CRLF (or a CR at the end of the stream)
        let rest = i + 3
        if rest == end { return .agreed }
        var j = rest
        while j < end && (base[j] == 0x20 || base[j] == 0x09) { j += 1 }
        let breakAt = (rest..<end).first { lineBreakLength(source, at: $0) > 0 }
        if j > rest && (j == end || base[j] == 0x23) && breakAt == nil { return .agreed }
        // kubectl's view: strings.TrimSpace of the rest, then empty or `#`, else it fails.
        var k = rest
        while k < end, let n = unicodeSpaceLength(source, at: k, end: end) { k += n }
        if k < end && base[k] != 0x23 {
            let text = source.text(k..<min(end, k + 40)) + (end > k + 40 ? "..." : "")
            return .problem(
                "kubectl refuses text after `---` on a document separator line (\"invalid Yaml document "
                    + "separator: \(text)\"); put `---` alone on its line and the content on the next")
        }
        if let breakAt {
            let name = lineBreakName(source, at: breakAt)
            return .problem(
                "a \(name) inside a `---` line: kubectl splits lines only at LF and drops the rest of a separator "
                    + "line, libyaml reads what follows the break as document content; use LF line ends")
        }
        if j == rest {
            return .problem(
                "kubectl splits the stream at this line (it begins with `---`), libyaml reads it as text, not "
                    + "as a document start (YAML needs a space or a tab after `---`); put `---` alone on its line")
        }
        return .problem(
            "kubectl reads this `---` line as a document separator and drops its rest, libyaml reads the "
                + "character at column \(j - i + 1) as document content; put `---` alone on its line")
    }

    /// Length in bytes of the YAML line break at `i` other than LF (CR, NEL, LS, PS), or 0.
    package static func lineBreakLength(_ source: SourceBuffer, at i: Int) -> Int {
        let base = source.base
        let c = base[i]
        if c == 0x0D { return 1 }
        if c == 0xC2 && i + 1 < source.count && base[i + 1] == 0x85 { return 2 }
        if c == 0xE2 && i + 2 < source.count && base[i + 1] == 0x80 && (base[i + 2] == 0xA8 || base[i + 2] == 0xA9) {
            return 3
        }
        return 0
    }

    /// The name of the line break at `i` (see `lineBreakLength`).
    package static func lineBreakName(_ source: SourceBuffer, at i: Int) -> String {
        switch source.base[i] {
        case 0x0D: "carriage return (CR) without a line feed"
        case 0xC2: "next line character (NEL, U+0085)"
        default: source.base[i + 2] == 0xA8 ? "line separator (LS, U+2028)" : "paragraph separator (PS, U+2029)"
        }
    }

    /// Length of the character at `i` when Go's `unicode.IsSpace` holds for it, else nil.
    package static func unicodeSpaceLength(_ source: SourceBuffer, at i: Int, end: Int) -> Int? {
        let base = source.base
        let c = base[i]
        if c == 0x20 || (c >= 0x09 && c <= 0x0D) { return 1 }
        if c == 0xC2 && i + 1 < end && (base[i + 1] == 0x85 || base[i + 1] == 0xA0) { return 2 }
        guard c == 0xE1 || c == 0xE2 || c == 0xE3, i + 2 < end else { return nil }
        let scalar = (UInt32(c & 0x0F) << 12) | (UInt32(base[i + 1] & 0x3F) << 6) | UInt32(base[i + 2] & 0x3F)
        switch scalar {
        case 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return 3
        default: return nil
        }
    }
}
