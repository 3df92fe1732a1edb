/// Arguments of a parameterized test that come from fixture files or directories.
///
/// Swift Testing skips a parameterized test whose arguments are empty ("No test cases found") and
/// the run still passes, so a renamed or missing fixture directory would silently test nothing.
/// Arguments built through `nonEmpty` throw instead, and a throwing arguments expression fails the
/// test.
public enum FixtureCases {
    /// `cases`, or a `TestFailure` naming `source` when there are none.
    public static func nonEmpty<C: Collection>(_ cases: C, from source: String) throws -> C {
        guard !cases.isEmpty else {
            throw TestFailure("no test cases from \(source): the fixtures are missing, unreadable or filtered away")
        }
        return cases
    }
}
