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

    @Option(help: "First day (YYYY-MM-DD).")
    var from: DateArgument

    @Option(help: "End day, excluded (YYYY-MM-DD).")
    var to: DateArgument

    @Option(help: "Days per window, instead of the file's windowDays.")
    var windowDays: Int?

    @Option(help: "Windows in flight at once (at most the source's own limit).")
    var concurrency: Int?

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await PipelineExecution(logger: logging.makeLogger()).run(file: pipeline) { loaded in
            try WindowPlanner.windows(for: loaded.source, from: from.date, to: to.date, windowDays: windowDays)
        } configure: { runner in
            if let concurrency { runner.concurrency = max(1, min(concurrency, runner.concurrency)) }
        }
    }
}
