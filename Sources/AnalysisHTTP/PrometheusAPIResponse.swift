/// `{"status": ..., "data": {"resultType": ..., "result": ...}, "errorType": ..., "error": ...}`:
/// an answer of Prometheus' HTTP API (prometheus `web/api/v1`).
struct APIResponse: Decodable {
    var status: String
    var data: ResultData?
    var errorType: String?
    var error: String?
}

/// `data` of an instant query: a vector of `[time, "value"]` samples, or a scalar.
struct ResultData: Decodable {
    enum Result {
        case vector([Sample])
        case scalar(String)
        /// `matrix` or `string`.
        case other(String)
    }

    struct Sample: Decodable {
        var metric: [String: String]
        /// Absent for a native histogram sample (`histogram` instead of `value`).
        var value: String?

        enum CodingKeys: String, CodingKey { case metric, value }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            metric = try container.decodeIfPresent([String: String].self, forKey: .metric) ?? [:]
            if var pair = try? container.nestedUnkeyedContainer(forKey: .value) {
                _ = try pair.decode(Double.self)
                value = try pair.decode(String.self)
            }
        }

        /// `{a="1",b="2"}`, labels sorted.
        var labels: String {
            "{" + metric.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ",") + "}"
        }
    }

    var result: Result

    enum CodingKeys: String, CodingKey { case resultType, result }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .resultType)
        switch type {
        case "vector":
            result = .vector(try container.decode([Sample].self, forKey: .result))
        case "scalar":
            var pair = try container.nestedUnkeyedContainer(forKey: .result)
            _ = try pair.decode(Double.self)
            result = .scalar(try pair.decode(String.self))
        default:
            result = .other(type)
        }
    }
}
