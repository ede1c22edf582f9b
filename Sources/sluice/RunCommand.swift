import ArgumentParser
import Foundation
import Logging
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

    @Option(help: "First day (YYYY-MM-DD), instead of the file's fromDate.")
    var from: DateArgument?

    @Option(help: "End day, excluded (YYYY-MM-DD), instead of the file's toDate.")
    var to: DateArgument?

    @Option(help: "Days per window, instead of the file's windowDays.")
    var windowDays: Int?

    @Option(help: "Windows in flight at once (at most the source's own limit).")
    var concurrency: Int?

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let logger = logging.makeLogger()
        try await PipelineExecution(logger: logger).run(file: pipeline) { loaded in
            try WindowPlanner.windows(for: loaded.source, from: from?.date, to: to?.date, windowDays: windowDays)
        } configure: { runner in
            if let concurrency { runner.concurrency = max(1, min(concurrency, runner.concurrency)) }
        }
    }
}

/// A `YYYY-MM-DD` command-line argument.
struct DateArgument: ExpressibleByArgument {
    let date: CalendarDate

    init?(argument: String) {
        guard let date = CalendarDate(argument) else { return nil }
        self.date = date
    }
}
