import ArgumentParser
import SluiceCore

/// `sluice run`: an incremental run, from the last done window minus the look-back (or the
/// file's `fromDate` on a first run) to the file's `toDate` (or today); `--from`/`--to` give the
/// range instead.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Incremental run: the days not done yet, plus a re-read of the look-back days."
    )

    @Argument(help: "The pipeline file.")
    var pipeline: String

    @OptionGroup var range: RangeOptions
    @OptionGroup var concurrency: ConcurrencyOption
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await PipelineExecution(logger: logging.makeLogger()).run(file: pipeline) { loaded in
            try range.windows(for: loaded, coverage: Pipeline.coverage(try await loaded.state.committedWindows(pipeline: loaded.name)))
        } configure: { concurrency.apply(to: &$0) }
    }
}
