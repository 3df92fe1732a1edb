import Testing
@testable import YAMLStream

@Suite("MarkTranslator")
struct MarkTranslatorTests {
    @Test func characterIndexesBecomeByteOffsets() {
        let text = Array("aé→😀bcdefghijklmnop".utf8)
        text.withUnsafeBufferPointer { buffer in
            var t = MarkTranslator(base: buffer.baseAddress!, count: buffer.count, origin: 0)
            #expect(t.offset(of: 0) == 0)
            #expect(t.offset(of: 2) == 3)    // after "aé"
            #expect(t.offset(of: 4) == 10)   // after "aé→😀"
            #expect(t.offset(of: 19) == 25)  // ASCII run, eight bytes at a time
            #expect(t.offset(of: 3) == 6)    // backwards
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
