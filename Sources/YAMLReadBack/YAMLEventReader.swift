import CYAML
import YAMLScalars
import YAMLStream

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One libyaml event as it streams by. Its text is libyaml's own, valid only during the call
/// that hands the event over (`YAMLEventReader.read`).
public struct YAMLEvent: ~Copyable {
    /// What the event is.
    public enum Kind: Sendable, Equatable {
        case streamStart, streamEnd, documentStart, documentEnd
        case scalar, alias, sequenceStart, sequenceEnd, mappingStart, mappingEnd
    }

    /// What the event is.
    public let kind: Kind
    /// The scalar's or collection's style (`.other` for the rest).
    public let style: YAMLNodeStyle
    /// A scalar's text or an alias's anchor name; empty for other events.
    public let value: UnsafeBufferPointer<UInt8>
    /// The tag as libyaml resolved it; empty when none is written.
    public let tag: UnsafeBufferPointer<UInt8>
    /// The anchor name; empty when none is written.
    public let anchor: UnsafeBufferPointer<UInt8>
    /// A document start written as `---`.
    public let isExplicitStart: Bool
    /// A document start with `%YAML` or `%TAG` directives.
    public let hasDirectives: Bool
    /// Where the event starts: libyaml's character index (not a byte offset).
    public let characterIndex: Int
}

/// libyaml's event API without building anything: for a caller that compares a stream with
/// something it already holds as the events go by (the read-back of an edited document).
public enum YAMLEventReader {
    /// Runs libyaml over `bytes`, handing every event to `body` in order. True when the stream
    /// ended; false at a syntax error or as soon as `body` returns false.
    public static func read(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (borrowing YAMLEvent) -> Bool) -> Bool {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) != 0 else { return false }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) != 0 else { return false }
            let done = event.type == YAML_STREAM_END_EVENT
            let wanted = body(Self.event(event))
            yaml_event_delete(&event)
            if !wanted { return false }
            if done { return true }
        }
    }

    private static func text(_ pointer: UnsafeMutablePointer<UInt8>?) -> UnsafeBufferPointer<UInt8> {
        guard let pointer else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(
            start: pointer, count: strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self)))
    }

    private static func event(_ e: yaml_event_t) -> YAMLEvent {
        let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        var kind = YAMLEvent.Kind.streamStart
        var style = YAMLNodeStyle.other
        var value = none
        var tag = none
        var anchor = none
        var explicit = false
        var directives = false
        switch e.type {
        case YAML_STREAM_END_EVENT: kind = .streamEnd
        case YAML_DOCUMENT_START_EVENT:
            kind = .documentStart
            let d = e.data.document_start
            explicit = d.implicit == 0
            directives = d.version_directive != nil || d.tag_directives.start != d.tag_directives.end
        case YAML_DOCUMENT_END_EVENT: kind = .documentEnd
        case YAML_SCALAR_EVENT:
            kind = .scalar
            let s = e.data.scalar
            style = YAMLNodeStyle(s.style)
            value = UnsafeBufferPointer(start: s.value, count: s.length)
            tag = text(s.tag)
            anchor = text(s.anchor)
        case YAML_ALIAS_EVENT:
            kind = .alias
            value = text(e.data.alias.anchor)
        case YAML_SEQUENCE_START_EVENT:
            kind = .sequenceStart
            let s = e.data.sequence_start
            style = s.style == YAML_FLOW_SEQUENCE_STYLE ? .flow : .block
            tag = text(s.tag)
            anchor = text(s.anchor)
        case YAML_MAPPING_START_EVENT:
            kind = .mappingStart
            let m = e.data.mapping_start
            style = m.style == YAML_FLOW_MAPPING_STYLE ? .flow : .block
            tag = text(m.tag)
            anchor = text(m.anchor)
        case YAML_SEQUENCE_END_EVENT: kind = .sequenceEnd
        case YAML_MAPPING_END_EVENT: kind = .mappingEnd
        default: kind = .streamStart
        }
        return YAMLEvent(
            kind: kind, style: style, value: value, tag: tag, anchor: anchor, isExplicitStart: explicit,
            hasDirectives: directives, characterIndex: Int(e.start_mark.index))
    }
}

extension YAMLDocument {
    /// Whether `event` is written exactly like node `id`: the same kind, style, tag, anchor and
    /// text, so that it reads alike where the node stood. Aliases never are (what they name
    /// depends on the rest of the document), nor scalars too long to keep.
    public func isWrittenAlike(_ id: YAMLNodeID, _ event: borrowing YAMLEvent) -> Bool {
        let kind: YAMLNodeKind
        switch event.kind {
        case .scalar: kind = .scalar
        case .sequenceStart: kind = .sequence
        case .mappingStart: kind = .mapping
        default: return false
        }
        return isWrittenAlike(
            id, kind: kind, style: event.style, value: event.value, tag: event.tag, anchor: event.anchor)
    }
}
