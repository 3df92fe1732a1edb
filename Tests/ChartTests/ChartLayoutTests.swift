import Foundation
import TestSupport
import Testing

@Suite("Chart layout")
struct ChartLayoutTests {
    @Test(arguments: ["kserve-model", "kserve-general"])
    func chartHasRequiredFiles(chart: String) {
        let dir = ToolPaths.repositoryRoot + "/charts/" + chart
        for file in [
            "Chart.yaml", "values.yaml", "values.schema.json", "README.md", "templates/_helpers.tpl",
            "templates/NOTES.txt",
        ] {
            #expect(FileManager.default.fileExists(atPath: dir + "/" + file), "\(chart)/\(file) is missing")
        }
    }
}
