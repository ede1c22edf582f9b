import ArgumentParser
import Logging

/// `--log-level` and `--log-format`, shared by the commands that log.
struct LoggingOptions: ParsableArguments {
    enum Level: String, ExpressibleByArgument, CaseIterable {
        case trace, debug, info, notice, warning, error, critical
    }

    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: Level = .info

    @Option(help: "text for people, json for machines (one object per line on stderr).")
    var logFormat: OutputFormat = .text

    /// Installs the stderr log handler once, and returns the command's logger.
    func makeLogger() -> Logger {
        let level = Logger.Level(rawValue: logLevel.rawValue) ?? .info, format = logFormat
        LoggingSystem.bootstrap { label in StderrLogHandler(label: label, level: level, json: format == .json) }
        return Logger(label: "sluice")
    }
}
