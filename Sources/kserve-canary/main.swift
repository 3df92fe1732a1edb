import KServeCanaryCLI

/// Inside an async function the asynchronous `main()` is chosen (analyze and advance are async);
/// top-level code would pick ParsableCommand's synchronous one.
func runCommand() async { await KServeCanaryCommand.main() }
await runCommand()
