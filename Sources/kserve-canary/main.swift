import KServeCanaryCLI

KServeCanaryCommand.main()
