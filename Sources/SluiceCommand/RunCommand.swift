import ArgumentParser
import SluiceCore

/// `sluice run`: an incremental run, from the last done window minus the look-back (or the
/// file's `fromDate` on a first run) to the file's `toDate` (or today); `--from`/`--to` give the
/// range instead.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Incremental run: the days not done yet, plus a re-read of the look-back days.",
        discussion: """
            Without --from and --to: from the file's fromDate (or the newest committed day less lookbackDays) to its toDate \
            (or today). The look-back days go again to the sinks that rewrite days in place (upsert, replace); an append \
            sink never gets a day twice. With --from/--to/--window-days: that range, skipping the days every sink has \
            committed, like backfill.
            """
    )

    @Argument(help: "The pipeline file.")
    var pipeline: String

    @OptionGroup var range: RangeOptions
    @OptionGroup var concurrency: ConcurrencyOption
    @OptionGroup var logging: LoggingOptions
    @OptionGroup var metrics: MetricsFileOption

    func run() async throws {
        let execution = PipelineExecution(command: "run", logging: logging, metricsFile: metrics.metricsFile)
        try await execution.run(file: pipeline) { loaded in
            try range.windows(for: loaded, coverage: Pipeline.coverage(try await loaded.state.committedWindows(pipeline: loaded.name)))
        } configure: { concurrency.apply(to: &$0) }
    }
}
