import CYAML
import YAMLSource

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The documents a filter skips: checked while skipped, reopened (parsed again, building nodes)
/// when a root key could change the decision.
extension ParsePass {
    /// A document the filter skipped: anchors, aliases and depth are still checked, and root keys
    /// that could change the filter's decision are watched.
    mutating func skip(_ event: inout yaml_event_t) -> Action {
        var anchor: UnsafeMutablePointer<UInt8>?
        switch event.type {
        case YAML_SCALAR_EVENT:
            anchor = event.data.scalar.anchor
            if skipDepth == 1 && skipRootChildren % 2 == 0, let value = event.data.scalar.value {
                let key = String(
                    decoding: UnsafeBufferPointer(start: value, count: event.data.scalar.length), as: UTF8.self)
                if key == decidingKey || key == "<<" || filter?.reconsiderKeys.contains(key) == true {
                    reconsider = true
                }
            }
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            anchor =
                event.type == YAML_SEQUENCE_START_EVENT
                ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
        case YAML_ALIAS_EVENT:
            let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            if !skipAnchors.contains(name) { undefinedAlias(name, at: mark(event.start_mark)) }
        default:
            break
        }
        if skipDepth == 1 && event.type != YAML_SEQUENCE_END_EVENT && event.type != YAML_MAPPING_END_EVENT {
            skipRootChildren += 1
        }
        if let anchor { skipAnchors.insert(String(cString: anchor)) }
        switch event.type {
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            skipDepth += 1
            if skipDepth > settings.maxDepth { return .finish(depthFailure(at: mark(event.start_mark))) }
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            skipDepth -= 1
        default:
            break
        }
        return .next
    }

    /// Builds the document in `range` again without a filter and hands over document `number`.
    mutating func reparse(_ range: PassStart, number: Int, _ body: (YAMLDocument) throws -> Void) rethrows {
        var settings = self.settings
        settings.filter = nil
        var pass = ParsePass(parser: settings, source: source, start: range, budget: budget)
        pass.checksStream = false
        pass.hints = KubectlSeparators.ScalarHints()
        var delivered = false
        let result = try pass.run { document in
            if document.number == number {
                delivered = true
                try body(document)
            }
        }
        if !delivered {
            let reason = result.error.map { ": \($0.message)" } ?? ""
            pendingErrors.append(
                YAMLSyntaxError(
                    mark: docStart, documentNumber: number,
                    message: "cannot read the document again after a repeated root key\(reason)"))
        }
    }

    /// Whether the bytes from `offset` to the next `---` line (or the end of the part) contain one
    /// of `patterns`.
    func documentContains(_ patterns: [[UInt8]], from offset: Int) -> Bool {
        let end =
            YAMLStreamParser.resumeOffset(
                source, after: source.nextLineStart(offset), notBefore: offset + 1,
                limit: start.limit) ?? start.limit
        return source.withBytes(offset..<end) { bytes in
            patterns.contains { pattern in
                guard let first = pattern.first, pattern.count <= bytes.count else { return false }
                let base = bytes.baseAddress!
                var i = 0
                while i + pattern.count <= bytes.count {
                    guard let hit = memchr(base + i, Int32(first), bytes.count - i) else { return false }
                    let at = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                    if at + pattern.count > bytes.count { return false }
                    if memcmp(base + at, pattern, pattern.count) == 0 { return true }
                    i = at + 1
                }
                return false
            }
        }
    }
}
