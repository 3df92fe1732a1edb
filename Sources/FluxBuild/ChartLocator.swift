import FoundationEssentials

/// Finds a HelmRelease's chart in the `--charts` directory, never outside it.
struct ChartLocator {
    let chartsDirectory: String

    /// `<dir>/<chart>`, else `<dir>/<last path component of chart>` (a GitRepository path such as
    /// `./charts/kserve-model`), whichever holds a `Chart.yaml`. A chart path that climbs out of
    /// the directory (`..`) or is absolute is refused; symbolic links the user put into the
    /// directory are followed.
    func locate(_ release: FluxHelmRelease) throws(FluxBuildError) -> String {
        let step = "locate chart \(release.chart)"
        let components = release.chart.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        guard !release.chart.hasPrefix("/"), !components.contains(".."), let last = components.last else {
            throw FluxBuildError(
                release: release.subject, step: step,
                message:
                    """
                    the chart path leaves --charts \(chartsDirectory) (absolute, or `..`); \
                    charts are read only from inside that directory
                    """
            )
        }
        let base = chartsDirectory.hasSuffix("/") ? String(chartsDirectory.dropLast()) : chartsDirectory
        var candidates = [base + "/" + components.joined(separator: "/")]
        if components.count > 1 { candidates.append(base + "/" + last) }
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate + "/Chart.yaml") {
            return candidate
        }
        throw FluxBuildError(
            release: release.subject, step: step,
            message:
                """
                no Chart.yaml in \(candidates.joined(separator: " or ")); --charts DIR must hold one directory per \
                chart (DIR/<chart>/Chart.yaml)
                """
        )
    }
}
