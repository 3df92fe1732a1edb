import FoundationEssentials
import YAMLValues

/// Validates a value against a CRD `openAPIV3Schema` strictly, the way the API server's pruning
/// and strict field validation would reject it: unknown fields are errors on every object node
/// without `x-kubernetes-preserve-unknown-fields` or an `additionalProperties` schema (a
/// `type: object` without `properties` keeps no field either). Checks `type`, `properties`,
/// `required` (a property with a `default` is filled in by the API server, so it may be absent),
/// `additionalProperties`, `items`, `enum`, `pattern`, `minimum`/`maximum`,
/// `minLength`/`maxLength`, `minItems`/`maxItems`, `anyOf`/`allOf`/`oneOf`/`not`, `nullable`,
/// `x-kubernetes-int-or-string`, the formats `int32`, `int64`, `byte` and `date-time`, and unique
/// items of `x-kubernetes-list-type: set|map` lists. Not checked: CEL rules
/// (`x-kubernetes-validations`) and `metadata` (Kubernetes validates it as `ObjectMeta`).
public struct OpenAPISchemaValidator: Sendable {
    /// Stop after this many problems per object.
    public var maxProblems = 20

    /// Creates a validator.
    public init() {}

    /// Problems of `object` (a whole Kubernetes object) against its CRD `schema`, as `path: message`.
    public func problems(_ object: YAMLValue, schema: YAMLValue) -> [String] {
        var root = schema.map ?? YAMLMap()
        var properties = root["properties"]?.map ?? YAMLMap()
        // Kubernetes validates these itself; CRD schemas leave them out or open.
        properties["apiVersion"] = .map(YAMLMap([("type", .string("string"))]))
        properties["kind"] = .map(YAMLMap([("type", .string("string"))]))
        properties["metadata"] = .map(
            YAMLMap([("type", .string("object")), ("x-kubernetes-preserve-unknown-fields", .bool(true))]))
        root["properties"] = .map(properties)
        var out: [String] = []
        check(object, .map(root), path: "", into: &out)
        return out
    }

    private func check(_ value: YAMLValue, _ schema: YAMLValue, path: String, into out: inout [String]) {
        guard out.count < maxProblems, let s = schema.map else { return }
        func fail(_ message: String) { out.append("\(path.isEmpty ? "." : path): \(message)") }

        if value.isNull {
            if s["nullable"]?.bool == true || s["type"] == nil { return }
            fail("must be \(s["type"]?.string ?? "a value"), found null")
            return
        }
        if s["x-kubernetes-int-or-string"]?.bool == true {
            switch value {
            case .int, .string: break
            case .float(let d) where d == d.rounded(): break
            default: fail("must be an integer or a string, found \(value.kindDescription)")
            }
            return
        }
        if let type = s["type"]?.string {
            let ok: Bool
            switch (type, value) {
            case ("object", .map), ("array", .list), ("string", .string), ("boolean", .bool), ("integer", .int),
                ("number", .int), ("number", .float):
                ok = true
            case ("integer", .float(let d)): ok = d == d.rounded() && d.isFinite
            default: ok = false
            }
            guard ok else {
                let expected =
                    type == "object"
                    ? "a mapping"
                    : type == "array"
                        ? "a list"
                        : type == "integer" ? "an integer" : "a \(type)"
                fail("must be \(expected), found \(value.kindDescription)")
                return
            }
        }
        if let choices = s["enum"]?.list, !choices.contains(value) {
            fail(
                """
                must be one of \(choices.map(YAMLValueWriter.inline).joined(separator: ", ")), \
                found \(YAMLValueWriter.inline(value))
                """
            )
        }
        for sub in s["allOf"]?.list ?? [] { check(value, sub, path: path, into: &out) }
        if let anyOf = s["anyOf"]?.list, !anyOf.isEmpty {
            let matches = anyOf.contains { sub in
                var tmp: [String] = []
                check(value, sub, path: path, into: &tmp)
                return tmp.isEmpty
            }
            if !matches { fail("matches none of the allowed shapes (anyOf)") }
        }
        if let not = s["not"] {
            var tmp: [String] = []
            check(value, not, path: path, into: &tmp)
            if tmp.isEmpty { fail("matches a shape it must not have (not)") }
        }
        if let oneOf = s["oneOf"]?.list, !oneOf.isEmpty {
            let matches = oneOf.filter { sub in
                var tmp: [String] = []
                check(value, sub, path: path, into: &tmp)
                return tmp.isEmpty
            }.count
            if matches != 1 { fail("must match exactly one allowed shape (oneOf), matches \(matches)") }
        }

        if let format = s["format"]?.string, let problem = Self.formatProblem(value, format: format) { fail(problem) }
        switch value {
        case .string(let text):
            let length = text.count
            if let min = number(s["minLength"]), Double(length) < min {
                fail("must be at least \(Int(min)) characters long")
            }
            if let max = number(s["maxLength"]), Double(length) > max {
                fail("must be at most \(Int(max)) characters long")
            }
            if let pattern = s["pattern"]?.string, !matches(text, pattern) {
                fail("\(YAMLValueWriter.inline(value)) does not match \(pattern)")
            }
        case .int, .float:
            let n: Double = {
                if case .int(let i) = value { return Double(i) }
                if case .float(let d) = value { return d }
                return 0
            }()
            if let min = number(s["minimum"]) {
                if s["exclusiveMinimum"]?.bool == true ? n <= min : n < min {
                    fail(
                        """
                        must be \(s["exclusiveMinimum"]?.bool == true ? "greater than" : "at least") \
                        \(YAMLValueWriter.inline(s["minimum"]!))
                        """
                    )
                }
            }
            if let max = number(s["maximum"]) {
                if s["exclusiveMaximum"]?.bool == true ? n >= max : n > max {
                    fail(
                        """
                        must be \(s["exclusiveMaximum"]?.bool == true ? "less than" : "at most") \
                        \(YAMLValueWriter.inline(s["maximum"]!))
                        """
                    )
                }
            }
        case .list(let items):
            if let min = number(s["minItems"]), Double(items.count) < min {
                fail("must have at least \(Int(min)) items")
            }
            if let max = number(s["maxItems"]), Double(items.count) > max {
                fail("must have at most \(Int(max)) items")
            }
            for (i, message) in Self.listTypeProblems(items, schema: s) { out.append("\(path)[\(i)]: \(message)") }
            if let itemSchema = s["items"] {
                for (i, item) in items.enumerated() { check(item, itemSchema, path: "\(path)[\(i)]", into: &out) }
            }
        case .map(let map):
            if s["x-kubernetes-embedded-resource"]?.bool == true { return }
            let properties = s["properties"]?.map
            for key in s["required"]?.list?.compactMap(\.string) ?? [] where map[key] == nil {
                if properties?[key]?["default"] == nil { fail("\(key) is required") }
            }
            if let min = number(s["minProperties"]), Double(map.count) < min {
                fail("must have at least \(Int(min)) entries")
            }
            if let max = number(s["maxProperties"]), Double(map.count) > max {
                fail("must have at most \(Int(max)) entries")
            }
            let preserve = s["x-kubernetes-preserve-unknown-fields"]?.bool == true
            let closed = !preserve && (properties != nil || s["type"]?.string == "object")
            for (key, item) in map.entries {
                let child = path + "." + key
                if let sub = properties?[key] {
                    check(item, sub, path: child, into: &out)
                } else if let additional = s["additionalProperties"] {
                    if additional.map != nil {
                        check(item, additional, path: child, into: &out)
                    } else if additional.bool == false {
                        out.append("\(child): unknown field")
                    }
                } else if closed {
                    out.append("\(child): unknown field")
                }
            }
        default:
            break
        }
    }

    private func number(_ value: YAMLValue?) -> Double? {
        switch value {
        case .int(let i)?: return Double(i)
        case .float(let d)?: return d
        default: return nil
        }
    }

    private func matches(_ text: String, _ pattern: String) -> Bool {
        // Swift's Regex (no Foundation needed); a pattern it cannot compile is not enforced.
        guard let regex = try? Regex(pattern) else { return true }
        return (try? regex.firstMatch(in: text)) != nil
    }
}
