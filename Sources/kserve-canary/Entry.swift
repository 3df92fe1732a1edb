import KServeCanaryCLI

/// The executable: all the work is in KServeCanaryCLI.
@main
enum Entry {
    static func main() async {
        await KServeCanaryCommand.main()
    }
}
