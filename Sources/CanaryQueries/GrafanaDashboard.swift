/// The part of Grafana's dashboard JSON model (schema 39) that kserve-general's dashboard uses.
/// `Dashboard.document` fills it in; `kserve-canary dashboard` prints it (`AnalysisJSON.pretty`).
public struct GrafanaDashboard: Sendable, Equatable, Codable {
    /// The dashboard's uid (`{{uid}}`: the chart derives one per namespace and group).
    public var uid: String
    /// Title.
    public var title: String
    /// What it shows.
    public var description: String
    /// Tags.
    public var tags: [String]
    /// `utc`.
    public var timezone: String
    /// Grafana's schema version.
    public var schemaVersion: Int
    /// The dashboard's version.
    public var version: Int
    /// Auto-refresh interval.
    public var refresh: String
    /// The default time range.
    public var time: TimeRange
    /// The template variables.
    public var templating: Templating
    /// The panels.
    public var panels: [Panel]

    /// `from` and `to`, e.g. `now-3h` and `now`.
    public struct TimeRange: Sendable, Equatable, Codable {
        /// Start.
        public var from: String
        /// End.
        public var to: String
    }

    /// The template variables.
    public struct Templating: Sendable, Equatable, Codable {
        /// Variables, in order.
        public var list: [Variable]
    }

    /// A template variable (the Prometheus data source).
    public struct Variable: Sendable, Equatable, Codable {
        /// Its name (`datasource`, used as `${datasource}`).
        public var name: String
        /// Its label.
        public var label: String
        /// `datasource`.
        public var type: String
        /// The data source type, `prometheus`.
        public var query: String
        /// 0: shown.
        public var hide: Int
    }

    /// A data source reference.
    public struct DataSource: Sendable, Equatable, Codable {
        /// `prometheus`.
        public var type: String
        /// `${datasource}`.
        public var uid: String
    }

    /// A time series panel.
    public struct Panel: Sendable, Equatable, Codable {
        /// 1, 2, ...
        public var id: Int
        /// `timeseries`.
        public var type: String
        /// Title.
        public var title: String
        /// What it shows, and which check uses the same query.
        public var description: String
        /// The panel's data source.
        public var datasource: DataSource
        /// Position and size on the 24-column grid.
        public var gridPos: GridPosition
        /// The unit of the values.
        public var fieldConfig: FieldConfig
        /// The legend.
        public var options: Options
        /// The queries.
        public var targets: [Target]
    }

    /// `h`, `w`, `x`, `y` in grid units.
    public struct GridPosition: Sendable, Equatable, Codable {
        /// Height, width, column, row.
        public var h: Int, w: Int, x: Int, y: Int
    }

    /// Field defaults (the unit); no per-series overrides.
    public struct FieldConfig: Sendable, Equatable, Codable {
        /// The defaults.
        public var defaults: Defaults
        /// Always empty.
        public var overrides: [Never]

        /// A Grafana unit id, e.g. `percent`, `ms`, `short`.
        public struct Defaults: Sendable, Equatable, Codable {
            /// The unit id.
            public var unit: String
        }
    }

    /// Panel options: the legend.
    public struct Options: Sendable, Equatable, Codable {
        /// The legend.
        public var legend: Legend

        /// How and where the legend shows.
        public struct Legend: Sendable, Equatable, Codable {
            /// `list`.
            public var displayMode: String
            /// `bottom`.
            public var placement: String
        }
    }

    /// A PromQL query of a panel.
    public struct Target: Sendable, Equatable, Codable {
        /// The data source.
        public var datasource: DataSource
        /// The PromQL, placeholders left for the chart.
        public var expr: String
        /// The series' legend.
        public var legendFormat: String
        /// `A`, `B`, ...
        public var refId: String
    }
}
