import ArgumentParser

/// `sluice-bench`: Sluice's speed, measured against a baseline run side by side in the same run
/// and reported as ratios (`scripts/bench` builds it in release and runs it).
///
/// With no subcommand it runs every benchmark with its defaults and prints a summary table.
@main
struct SluiceBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sluice-bench",
        abstract: "Sluice's benchmarks: each reports a ratio to a baseline measured in the same run.",
        subcommands: [
            AllBenchmarks.self, GongPacingBenchmark.self, TransformsShareBenchmark.self, PostgresCopyBenchmark.self, MemoryBenchmark.self,
            ArchiveReloadBenchmark.self, GongDecodeBenchmark.self, DltBenchmark.self,
        ],
        defaultSubcommand: AllBenchmarks.self
    )
}
