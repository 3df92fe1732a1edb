/// A port of Helm's `pkg/strvals` parser (`ParseInto`, `ParseIntoString`): `a.b[0].c=value`
/// lines written into an existing values tree, with Helm's typing (`true`, `false`, `null`, `0`,
/// integers without a leading zero) unless every value is forced to a string.
///
/// helm-controller sets `valuesFrom[].targetPath` with it, so `flux build` does too. The port keeps
/// Helm's quirks: an unescaped `,` in the value starts another `key=value`, `{a,b}` is a list,
/// `\` escapes the next character, and running out of input inside an index ends the line quietly.
struct StrvalsParser {
    /// Helm's `MaxIndex`.
    static let maxIndex = 65_536
    /// Helm's `MaxNestedNameLevel`.
    static let maxNestedNameLevel = 30

    /// Why a line does not parse, as Helm would say it.
    enum Failure: Error, Equatable {
        /// Go's `io.EOF`, possibly wrapped (`errors.Is(err, io.EOF)`): ends the parse without an error.
        case endOfInput(String)
        /// Helm's internal `ErrNotList`: the caller retries the value as a scalar.
        case notList
        /// Anything else, in Helm's words.
        case invalid(String)

        static let eof = Failure.endOfInput("EOF")

        /// Helm's message.
        var message: String {
            switch self {
            case .endOfInput(let text), .invalid(let text): return text
            case .notList: return "not a list"
            }
        }

        /// Whether the parse just ran out of input.
        var isEOF: Bool { if case .endOfInput = self { true } else { false } }

        /// The same failure with Helm's context in front of its message.
        func wrapped(_ prefix: String) -> Failure {
            isEOF ? .endOfInput(prefix + message) : .invalid(prefix + message)
        }
    }

    private var runes: [Unicode.Scalar]
    private var position = 0
    private let stringsOnly: Bool

    private init(_ line: String, stringsOnly: Bool) {
        runes = Array(line.unicodeScalars)
        self.stringsOnly = stringsOnly
    }

    /// Parses `line` into `dest` (Helm `ParseInto`, or `ParseIntoString` when `stringsOnly`).
    /// - Throws: the message Helm would give.
    static func parse(_ line: String, into dest: GoMap, stringsOnly: Bool) throws(Failure) {
        var parser = StrvalsParser(line, stringsOnly: stringsOnly)
        while true {
            do throws(Failure) {
                try parser.key(dest, level: 0)
            } catch {
                if error.isEOF { return }
                throw error
            }
        }
    }

    // MARK: - Scanner

    private mutating func readRune() -> Unicode.Scalar? {
        guard position < runes.count else { return nil }
        defer { position += 1 }
        return runes[position]
    }

    private mutating func unreadRune() { position -= 1 }

    /// Helm's `runesUntil`: the runes before the first unescaped stop rune, and that rune (nil at EOF).
    private mutating func runesUntil(_ stop: Set<Unicode.Scalar>) -> (runes: [Unicode.Scalar], last: Unicode.Scalar?) {
        var value: [Unicode.Scalar] = []
        while let r = readRune() {
            if stop.contains(r) { return (value, r) }
            if r == "\\" {
                guard let next = readRune() else { return (value, nil) }
                value.append(next)
            } else {
                value.append(r)
            }
        }
        return (value, nil)
    }

    private func text(_ runes: [Unicode.Scalar]) -> String {
        var s = ""
        s.unicodeScalars.append(contentsOf: runes)
        return s
    }

    private func quote(_ runes: [Unicode.Scalar]) -> String { "\"" + text(runes) + "\"" }

    // MARK: - Grammar

    private mutating func key(_ data: GoMap, level: Int) throws(Failure) {
        let (k, last) = runesUntil(["=", "[", ",", "."])
        guard let last else {
            if k.isEmpty { throw .eof }
            throw Failure.invalid("key \(quote(k)) has no value")
        }
        let name = text(k)
        switch last {
        case "[":
            let i: Int
            do throws(Failure) { i = try keyIndex() } catch {
                throw error.wrapped("error parsing index: ")
            }
            var list = GoList()
            if let existing = data[name] {
                guard case .list(let l) = existing else { throw panic(existing, want: "[]interface {}") }
                list = l
            }
            var failure: Failure?
            do throws(Failure) { list = try listItem(list, i, level: level) } catch { failure = error }
            set(data, name, .list(list))
            if let failure { throw failure }
        case "=":
            do throws(Failure) {
                let items = try valList()
                set(data, name, .list(GoList(items)))
            } catch {
                if error.isEOF {
                    set(data, name, .string(""))
                    throw error
                }
                guard error == .notList else { throw error }
                let (rs, _) = runesUntil([","])
                set(data, name, typed(rs))
            }
        case ",":
            set(data, name, .string(""))
            throw Failure.invalid("key \(quote(k)) has no value (cannot end with ,)")
        default:  // "."
            let nested = level + 1
            guard nested <= Self.maxNestedNameLevel else {
                throw Failure.invalid(
                    """
                    value name nested level is greater than maximum supported nested level of \
                    \(Self.maxNestedNameLevel)
                    """
                )
            }
            var inner = GoMap()
            if let existing = data[name] {
                guard case .map(let m) = existing else { throw panic(existing, want: "map[string]interface {}") }
                inner = m
            }
            var failure: Failure?
            do throws(Failure) { try key(inner, level: nested) } catch { failure = error }
            if failure == nil && inner.isEmpty { throw Failure.invalid("key map \(quote(k)) has no value") }
            if !inner.isEmpty { set(data, name, .map(inner)) }
            if let failure { throw failure }
        }
    }

    /// Go's type-assertion panic, recovered by Helm's `key` as "unable to parse key: ...".
    private func panic(_ value: GoValue, want: String) -> Failure {
        Failure.invalid("unable to parse key: interface conversion: interface {} is \(value.goTypeName), not \(want)")
    }

    private func set(_ data: GoMap, _ key: String, _ value: GoValue) {
        if key.isEmpty { return }
        data[key] = value
    }

    private func setIndex(_ list: GoList, _ index: Int, _ value: GoValue) throws(Failure) -> GoList {
        guard index >= 0 else { throw Failure.invalid("negative \(index) index not allowed") }
        guard index <= Self.maxIndex else {
            throw Failure.invalid("index of \(index) is greater than maximum supported index of \(Self.maxIndex)")
        }
        var target = list
        if list.items.count <= index {
            target = GoList(list.items + Array(repeating: GoValue.null, count: index + 1 - list.items.count))
        }
        target.items[index] = value
        return target
    }

    private mutating func keyIndex() throws(Failure) -> Int {
        let (v, last) = runesUntil(["]"])
        guard last != nil else { throw .eof }
        let s = text(v)
        guard let i = Int(s) else { throw Failure.invalid("strconv.Atoi: parsing \"\(s)\": invalid syntax") }
        return i
    }

    private mutating func listItem(_ list: GoList, _ i: Int, level: Int) throws(Failure) -> GoList {
        guard i >= 0 else { throw Failure.invalid("negative \(i) index not allowed") }
        let (k, last) = runesUntil(["[", ".", "="])
        if !k.isEmpty { throw Failure.invalid("unexpected data at end of array index: \(quote(k))") }
        guard let last else { throw .eof }
        switch last {
        case "=":
            do throws(Failure) {
                let items = try valList()
                return try setIndex(list, i, .list(GoList(items)))
            } catch {
                if error.isEOF { return try setIndex(list, i, .string("")) }
                guard error == .notList else { throw error }
                let (rs, _) = runesUntil([","])
                return try setIndex(list, i, typed(rs))
            }
        case "[":
            let next: Int
            do throws(Failure) { next = try keyIndex() } catch {
                throw error.wrapped("error parsing index: ")
            }
            var current = GoList()
            if list.items.count > i {
                let existing = list.items[i]
                if case .null = existing {
                } else {
                    guard case .list(let l) = existing else { throw panic(existing, want: "[]interface {}") }
                    current = l
                }
            }
            let inner = try listItem(current, next, level: level)
            return try setIndex(list, i, .list(inner))
        default:  // "."
            var inner = GoMap()
            if list.items.count > i {
                if case .map(let m) = list.items[i] {
                    inner = m
                } else {
                    list.items[i] = .map(inner)
                }
            }
            try key(inner, level: level)
            return try setIndex(list, i, .map(inner))
        }
    }

    private mutating func valList() throws(Failure) -> [GoValue] {
        guard let r = readRune() else { throw .eof }
        guard r == "{" else {
            unreadRune()
            throw .notList
        }
        var list: [GoValue] = []
        while true {
            let (rs, last) = runesUntil([",", "}"])
            guard let last else { throw Failure.invalid("list must terminate with '}'") }
            if last == "}" {
                if let next = readRune(), next != "," { unreadRune() }
                list.append(typed(rs))
                return list
            }
            list.append(typed(rs))
        }
    }

    /// Helm's `typedVal`.
    private func typed(_ rs: [Unicode.Scalar]) -> GoValue {
        let value = text(rs)
        if stringsOnly { return .string(value) }
        let lower = value.lowercased()
        if lower == "true" { return .bool(true) }
        if lower == "false" { return .bool(false) }
        if lower == "null" { return .null }
        if value == "0" { return .int(0) }
        if let first = value.first, first != "0", let i = Int64(value) { return .int(i) }
        return .string(value)
    }
}
