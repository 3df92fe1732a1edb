import CanaryGroups
import CanaryRules
import YAMLEditing
import YAMLSource
import YAMLStream
import YAMLValues

/// libFuzzer entry point: the whole post-render pipeline (parse, rules, edits, read-back) on
/// arbitrary bytes, with three option sets. Invariants (a violation is a crash):
/// - no crash, no hang (libFuzzer's timeout), no leak;
/// - a refusal writes nothing; an acceptance without edits leaves every byte alone;
/// - the output reads back (YAMLValues, kubectl's semantics) as the same number of documents, and
///   every document equals the input's except the values the rules own (a model release's
///   `storageUri`, `newStorageUri`, `args`; a route's `weight`s), which must read as the rules say;
/// - a second pass over the output accepts it and changes nothing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPostRender(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let source = SourceBuffer(bytes: input, lastLineEnded: true)
    let optionSets = [CanaryOptions(), CanaryOptions(weights: .normalize), CanaryOptions(primaryLoad: 70)]
    for options in optionSets {
        let renderer = CanaryPostRenderer(options: options)
        let result = renderer.run(source)
        if !result.diagnostics.isEmpty {
            if !result.edits.isEmpty { fatalError("a refusal carries edits") }
            continue
        }
        let output = EditApplier.apply(result.edits, to: source)
        if result.edits.isEmpty {
            if output != input { fatalError("pass-through changed bytes") }
            continue
        }
        FuzzReadBack.check(input: source, output: SourceBuffer(bytes: output, lastLineEnded: true))
        let again = renderer.run(SourceBuffer(bytes: output, lastLineEnded: true))
        if !again.diagnostics.isEmpty || !again.edits.isEmpty {
            let problems = again.diagnostics.map { $0.formatted(file: "fuzz") }
            fatalError("post-render is not idempotent: \(problems) \(again.edits.count) edits")
        }
    }
    return 0
}

/// The read-back invariant, computed without the rules: kubectl's reading of input and output.
enum FuzzReadBack {
    static let model: [YAMLPathComponent] = ["spec", "values", "inferenceservice", "predictor", "model"].map {
        .key($0)
    }

    static func check(input: SourceBuffer, output: SourceBuffer) {
        // Inputs beyond the value reader's own limits (expansion, depth) are not judged here.
        guard let before = try? YAMLValueReader.documents(input) else { return }
        let after: [YAMLValue]
        do { after = try YAMLValueReader.documents(output) } catch {
            fatalError("accepted output does not read back: \(error)")
        }
        if before.count != after.count {
            fatalError("accepted output has \(after.count) documents, the input \(before.count)")
        }
        for (i, (old, new)) in zip(before, after).enumerated() where old != new {
            let (maskedOld, maskedNew) = (masked(old), masked(new))
            if let difference = maskedOld.firstDifference(from: maskedNew) {
                fatalError("document \(i + 1) changed outside the values the rules own: \(difference)")
            }
            checkOwned(old: old, new: new, document: i + 1)
        }
    }

    /// The document without the values the rules may change (in Lists too).
    static func masked(_ value: YAMLValue) -> YAMLValue {
        if value["kind"]?.string == "List", let items = value["items"]?.list {
            return value.setting([.key("items")], to: .list(items.map(masked)))
        }
        var value = value
        if value["kind"]?.string == "HelmRelease" {
            for key in ["storageUri", "newStorageUri", "args"] where value.value(at: model + [.key(key)]) != nil {
                value = value.setting(model + [.key(key)], to: nil)
            }
        }
        if value["kind"]?.string == "VirtualService", let http = value.value(at: [.key("spec"), .key("http")])?.list {
            for (r, route) in http.enumerated() {
                for d in (route["route"]?.list ?? []).indices {
                    let path: [YAMLPathComponent] = [
                        .key("spec"), .key("http"), .index(r), .key("route"), .index(d),
                        .key("weight"),
                    ]
                    value = value.setting(path, to: .null)
                }
            }
        }
        return value
    }

    /// What the rules wrote reads as they intend: a changed model has a string `storageUri` and no
    /// `newStorageUri`; a route whose weights changed has integer weights summing to 100.
    static func checkOwned(old: YAMLValue, new: YAMLValue, document: Int) {
        if new["kind"]?.string == "List" {
            let pairs = zip(old["items"]?.list ?? [], new["items"]?.list ?? [])
            for (o, n) in pairs where o != n { checkOwned(old: o, new: n, document: document) }
            return
        }
        if new["kind"]?.string == "HelmRelease", let after = new.value(at: model), after != old.value(at: model) {
            if let uri = after["storageUri"], uri.string == nil {
                fatalError("document \(document): storageUri reads back as \(uri.kindDescription)")
            }
            if after["newStorageUri"] != nil { fatalError("document \(document): newStorageUri survived") }
        }
        let http: [YAMLPathComponent] = [.key("spec"), .key("http")]
        guard new["kind"]?.string == "VirtualService", let routes = new.value(at: http)?.list else { return }
        let oldRoutes = old.value(at: http)?.list ?? []
        for (r, route) in routes.enumerated() where r >= oldRoutes.count || oldRoutes[r] != route {
            let weights = (route["route"]?.list ?? []).map { $0["weight"] }
            let numbers = weights.compactMap { weight -> Int64? in
                if case .int(let n)? = weight { return n }
                return nil
            }
            if weights.count > 1 && (numbers.count != weights.count || numbers.reduce(0, +) != 100) {
                fatalError("document \(document): route \(r + 1) reads back with weights \(weights)")
            }
        }
    }
}
