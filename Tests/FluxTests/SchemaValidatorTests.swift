import SchemaValidation
import Testing
import YAMLValues

/// `OpenAPISchemaValidator` on small schemas: what the API server checks beyond JSON-schema
/// keywords (formats, list types, defaults, closed objects), which the tests' manifest validation
/// relies on (Tests/TestSupport/ManifestValidation.swift).
@Suite("OpenAPISchemaValidator")
struct SchemaValidatorTests {
    static let schema = try! YAMLValueReader.documents(
        """
        type: object
        properties:
          spec:
            type: object
            required: [replicas, mode]
            properties:
              replicas: {type: integer, format: int32}
              mode: {type: string, default: Auto}
              caBundle: {type: string, format: byte}
              since: {type: string, format: date-time}
              hosts: {type: array, items: {type: string}, x-kubernetes-list-type: set}
              ports:
                type: array
                x-kubernetes-list-type: map
                x-kubernetes-list-map-keys: [port, protocol]
                items:
                  type: object
                  properties: {port: {type: integer}, protocol: {type: string}, name: {type: string}}
              selector: {type: object}
              labels: {type: object, additionalProperties: {type: string}}
              extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
        """)[0]

    func problems(_ spec: String) throws -> [String] {
        let object = try YAMLValueReader.documents("apiVersion: x/v1\nkind: X\nmetadata: {name: a}\nspec: \(spec)\n")[0]
        return OpenAPISchemaValidator().problems(object, schema: Self.schema)
    }

    @Test func aValidObjectHasNoProblems() throws {
        #expect(
            try problems(
                """
                {replicas: 3, caBundle: aGVsbG8=, since: "2024-01-02T03:04:05Z", hosts: [a, b],
                 ports: [{port: 80, protocol: TCP}, {port: 80, protocol: UDP}], labels: {k: v}, extra: {any: [1]}}
                """) == [])
    }

    @Test func formatsAreChecked() throws {
        let found = try problems("{replicas: 3000000000, caBundle: 'not base64!', since: yesterday}")
        #expect(
            found == [
                ".spec.replicas: 3000000000 is not a valid int32 (out of range)",
                ".spec.caBundle: not base64! is not valid base64 (format byte)",
                ".spec.since: yesterday is not an RFC 3339 date-time",
            ])
    }

    @Test func listTypesMustBeUnique() throws {
        let ports = "[{port: 80, protocol: TCP}, {port: 80, protocol: TCP}]"
        #expect(
            try problems("{replicas: 1, hosts: [a, b, a], ports: \(ports)}") == [
                ".spec.hosts[2]: duplicate value a in a set",
                ".spec.ports[1]: duplicate entry with port=80, protocol=TCP in a map list",
            ])
    }

    @Test func requiredFieldsWithADefaultMayBeAbsent() throws {
        #expect(try problems("{mode: Manual}") == [".spec: replicas is required"])
    }

    @Test func anObjectWithoutPropertiesKeepsNoField() throws {
        #expect(
            try problems("{replicas: 1, selector: {matchLabels: {a: b}}, labels: {k: 1}}") == [
                ".spec.selector.matchLabels: unknown field",
                ".spec.labels.k: must be a string, found the integer 1",
            ])
    }
}
