import ArgumentParser

/// `sluice-bench all` (the default): every benchmark with its default sizes, one after another,
/// then a summary table of the measured figures, their baselines, ratios and targets.
struct AllBenchmarks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "all",
        abstract: "Run every benchmark with its defaults and print a summary table."
    )

    @Flag(help: "Exit with 1 when a benchmark misses its target.")
    var strict = false

    func run() async throws {
        let benchmarks: [any Benchmark] = [
            try GongPacingBenchmark.parse([]),
            try TransformsShareBenchmark.parse([]),
            try PostgresCopyBenchmark.parse([]),
            try MemoryBenchmark.parse([]),
            try ArchiveReloadBenchmark.parse([]),
            try GongDecodeBenchmark.parse([]),
            try DltBenchmark.parse([]),
        ]
        var results: [BenchmarkResult] = []
        for benchmark in benchmarks {
            let result = try await benchmark.measure()
            print(result.line)
            results.append(result)
        }
        print("")
        print(SummaryTable(results.flatMap(\.rows)).text)
        if strict, results.contains(where: { !$0.metTargets }) { throw ExitCode.failure }
    }
}
