import CanaryRules
import YAMLStream

/// libFuzzer entry point: the whole post-render pipeline (parse, rules, edits) on arbitrary bytes.
/// Invariants checked: no crash; on success the edits apply; a second pass over the output is clean.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPostRender(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = SourceBuffer(bytes: UnsafeBufferPointer(start: data, count: size))
    let renderer = CanaryPostRenderer(options: CanaryOptions(weights: .normalize))
    let result = renderer.run(source)
    guard result.diagnostics.isEmpty else { return 0 }
    let output = EditApplier.apply(result.edits, to: source)
    if result.edits.isEmpty && output != Array(UnsafeBufferPointer(start: data, count: size)) {
        fatalError("pass-through changed bytes")
    }
    let again = renderer.run(SourceBuffer(bytes: output))
    if !again.diagnostics.isEmpty || !again.edits.isEmpty {
        fatalError("post-render is not idempotent: \(again.diagnostics.map { $0.formatted(file: "fuzz") }) \(again.edits.count) edits")
    }
    return 0
}
