import ArgumentParser
import CanaryAnalysis
import CanaryQueries

/// `kserve-canary dashboard`: the Grafana dashboard JSON that kserve-general ships.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Print the Grafana dashboard of kserve-general (canary vs primary, the checks' own PromQL).",
        discussion: """
            Placeholders {{namespace}}, {{group}}, {{canary}}, {{primary}}, {{window}} and {{uid}} are \
            left for the chart to fill in; charts/kserve-general/files/canary-dashboard.json is this output.
            """
    )

    func run() throws {
        try Output.out(Dashboard.json())
    }
}
