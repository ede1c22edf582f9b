import ArgumentParser
import SluiceCore

/// `sluice backfill`: cuts a range into windows, skips those already done, runs the rest; rerun it
/// after any failure until every window is done.
struct BackfillCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backfill", abstract: "Load a date range window by window; rerun after a failure to resume.",
        discussion: """
            Cuts --from..--to into windows of --window-days (the file's windowDays by default) and gives each sink the \
            days it has not committed, whatever windows committed the others. There is no look-back: to refresh days \
            already loaded, forget them first with `sluice state reset`.
            """
    )

    @Argument(help: "The pipeline file.")
    var pipeline: String

    @OptionGroup var range: RangeOptions
    @OptionGroup var concurrency: ConcurrencyOption
    @OptionGroup var logging: LoggingOptions
    @OptionGroup var metrics: MetricsFileOption

    func run() async throws {
        // Checked here, not in validate(), so that a misspelt option is reported as unknown first.
        guard range.from != nil, range.to != nil else { throw ValidationError("backfill needs --from and --to") }
        let execution = PipelineExecution(command: "backfill", logging: logging, metricsFile: metrics.metricsFile)
        try await execution.run(file: pipeline) { loaded in
            try range.windows(for: loaded, coverage: [:])
        } configure: { concurrency.apply(to: &$0) }
    }
}
