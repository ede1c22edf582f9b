import ArgumentParser

/// How a command writes what it reports: `text` for people, `json` for machines.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json
}

/// `--format text|json`, for the commands that print a report (validate, plan, state show, runs).
struct FormatOption: ParsableArguments {
    @Option(help: "text for people, json for machines (one JSON document on stdout).")
    var format: OutputFormat = .text
}
