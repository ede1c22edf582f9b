import ArgumentParser
import SluiceCore

/// `--from`, `--to` and `--window-days`, shared by `run`, `backfill` and `plan`.
struct RangeOptions: ParsableArguments {
    @Option(help: "First day (YYYY-MM-DD).")
    var from: DateArgument?

    @Option(help: "End day, excluded (YYYY-MM-DD).")
    var to: DateArgument?

    @Option(help: "Days per window, instead of the file's windowDays (1 to 366).")
    var windowDays: Int?

    /// The limits of the file's `windowDays` hold on the command line too.
    func validate() throws {
        try CommandLineLimit.check("--window-days", windowDays, within: Windowing.windowDaysLimits, option: "windowDays")
    }

    /// The windows to run: the given range cut into windows, else those of an incremental run.
    func windows(for pipeline: Pipeline, coverage: [String: DayCoverage]) throws -> WindowSelection {
        guard from != nil || to != nil || windowDays != nil else {
            return WindowPlanner.incrementalWindows(for: pipeline.source, done: pipeline.coveredEverywhere(coverage))
        }
        return WindowSelection(windows: try WindowPlanner.windows(for: pipeline.source, from: from?.date, to: to?.date, windowDays: windowDays))
    }
}

/// `--concurrency`, shared by the commands that run windows.
struct ConcurrencyOption: ParsableArguments {
    @Option(help: "Windows in flight at once (1 to 32, and at most the source's own concurrency).")
    var concurrency: Int?

    /// The limits of the file's `concurrency` hold on the command line too.
    func validate() throws {
        try CommandLineLimit.check("--concurrency", concurrency, within: Runner.concurrencyLimits, option: "concurrency")
    }

    func apply(to runner: inout Runner) {
        if let concurrency { runner.concurrency = max(1, min(concurrency, runner.concurrency)) }
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

/// `--metrics-file`, shared by the commands that run windows.
struct MetricsFileOption: ParsableArguments {
    @Option(help: "Write the run's figures to this file in the Prometheus text format (replaced atomically, for node_exporter).")
    var metricsFile: String?
}
