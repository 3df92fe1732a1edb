import Testing

@testable import YAMLStream

@Suite("MarkTranslator")
struct MarkTranslatorTests {
    @Test func characterIndexesBecomeByteOffsets() {
        let text = Array("aé→😀bcdefghijklmnop".utf8)
        text.withUnsafeBufferPointer { buffer in
            var t = MarkTranslator(base: buffer.baseAddress!, count: buffer.count, origin: 0)
            #expect(t.offset(of: 0) == 0)
            #expect(t.offset(of: 2) == 3)  // after "aé"
            #expect(t.offset(of: 4) == 10)  // after "aé→😀"
            #expect(t.offset(of: 19) == 25)  // ASCII run, eight bytes at a time
            #expect(t.offset(of: 3) == 6)  // backwards
            #expect(t.offset(of: 1) == 1)
            #expect(t.offset(of: 100) == text.count)  // clamped
        }
    }

    @Test func originSkipsAByteOrderMark() {
        let text = Array("\u{FEFF}ab".utf8)
        text.withUnsafeBufferPointer { buffer in
            var t = MarkTranslator(base: buffer.baseAddress!, count: buffer.count, origin: 3)
            #expect(t.offset(of: 0) == 3)
            #expect(t.offset(of: 1) == 4)
        }
    }
}

/// MarkTranslator against a reference (the UTF-8 length of the first N Unicode scalars) on
/// generated text: one- to four-byte characters around the eight-byte ASCII steps, indexes
/// mostly ascending as libyaml reports them, sometimes backwards; one past the end is clamped.
@Suite("MarkTranslator, generated text")
struct MarkTranslatorGeneratedTests {
    static let alphabet: [Unicode.Scalar] = ["a", "b", " ", ":", "\n", "é", "ß", "→", "€", "😀", "𝄞"]

    @Test func offsetsMatchTheReference() {
        var rng = SeededGenerator(seed: 7)
        for trial in 0..<300 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...60, using: &rng) {
                // Long ASCII runs as well, so that the eight-byte steps are taken.
                if Int.random(in: 0..<4, using: &rng) == 0 {
                    let run = String(repeating: "x", count: Int.random(in: 1...20, using: &rng))
                    text.append(contentsOf: run.unicodeScalars)
                } else {
                    text.append(Self.alphabet.randomElement(using: &rng)!)
                }
            }
            let scalars = Array(text)
            let origin = Bool.random(using: &rng) ? 0 : 3
            let bytes = Array(repeating: UInt8(ascii: "#"), count: origin) + Array(String(text).utf8)
            func reference(_ index: Int) -> Int {
                origin + scalars.prefix(max(0, index)).reduce(0) { $0 + String($1).utf8.count }
            }
            bytes.withUnsafeBufferPointer { buffer in
                var translator = MarkTranslator(
                    base: buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!,
                    count: buffer.count, origin: origin)
                var index = 0
                for _ in 0..<20 {
                    index =
                        Int.random(in: 0..<8, using: &rng) == 0
                        ? Int.random(in: 0...scalars.count, using: &rng)  // a jump, maybe backwards
                        : min(index + Int.random(in: 0...9, using: &rng), scalars.count)
                    #expect(
                        translator.offset(of: index) == reference(index),
                        "trial \(trial): index \(index) of \(String(text).debugDescription)")
                }
                // libyaml never reports an index past the end; one is clamped to the end.
                #expect(translator.offset(of: scalars.count + 5) == bytes.count)
            }
        }
    }
}
