import CanaryRules
import YAMLStream

/// Renders variant summaries as an aligned text table or JSON.
enum SummaryTable {
    static func render(_ rows: [VariantSummary]) -> String {
        let header = ["NAMESPACE", "RELEASE", "VARIANT", "MODEL", "STORAGE URI", "WEIGHT", "HOSTS"]
        var table = [header]
        for r in rows {
            table.append([r.namespace, r.release, r.variant.rawValue, r.modelName, r.storageUri,
                          r.weight.map { "\($0)%" } ?? "-", r.hosts.isEmpty ? "-" : r.hosts.joined(separator: ",")])
        }
        if rows.isEmpty { return "no canary groups found\n" }
        var widths = Array(repeating: 0, count: header.count)
        for row in table { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return table.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    static func json(_ rows: [VariantSummary]) -> String {
        let q = YAMLScalarFormatter.doubleQuoted
        let items = rows.map { r in
            "  {\"namespace\": \(q(r.namespace)), \"group\": \(q(r.group)), \"release\": \(q(r.release)), \"variant\": \(q(r.variant.rawValue)), "
                + "\"modelName\": \(q(r.modelName)), \"storageUri\": \(q(r.storageUri)), \"weight\": \(r.weight.map(String.init) ?? "null"), "
                + "\"hosts\": [\(r.hosts.map(q).joined(separator: ", "))]}"
        }
        return "[\n" + items.joined(separator: ",\n") + "\n]\n"
    }
}
