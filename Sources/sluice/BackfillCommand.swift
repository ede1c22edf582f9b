import ArgumentParser
import SluiceCore

/// `sluice backfill`: cuts a range into windows, skips those already done, runs the rest; rerun it
/// after any failure until every window is done.
struct BackfillCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backfill", abstract: "Load a date range window by window; rerun after a failure to resume."
    )

    @Argument(help: "The pipeline file.")
    var pipeline: String

    @OptionGroup var range: RangeOptions
    @OptionGroup var concurrency: ConcurrencyOption
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard range.from != nil, range.to != nil else { throw ValidationError("backfill needs --from and --to") }
    }

    func run() async throws {
        try await PipelineExecution(logger: logging.makeLogger()).run(file: pipeline) { loaded in
            try range.windows(for: loaded, coverage: [:])
        } configure: { concurrency.apply(to: &$0) }
    }
}
