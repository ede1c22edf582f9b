import ArgumentParser
import SluiceCore

/// `sluice runs`: the latest runs of a pipeline, from its run history.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs", abstract: "Show the latest runs of a pipeline: when, how they ended, what they committed."
    )

    @Argument(help: "The pipeline file.")
    var pipeline: String

    @Option(help: "How many runs to show, newest first.")
    var limit = 10

    @OptionGroup var output: FormatOption

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be positive") }
    }

    func run() async throws {
        do {
            let loaded = try PipelineFile.load(pipeline)
            let runs = try await loaded.state.runs(pipeline: loaded.name, limit: limit)
            switch output.format {
            case .json:
                StandardOutput.write(JSONWriter.string(.object(["pipeline": .string(loaded.name), "runs": .array(runs.map(\.json))])))
            case .text:
                StandardOutput.write("pipeline \(loaded.name): \(runs.isEmpty ? "no runs yet" : "the latest \(runs.count) runs, newest first") (state in \(loaded.state.location))")
                for run in runs { StandardOutput.write("  " + Self.line(run)) }
            }
        } catch {
            throw FailureReport.exitCode(for: error, format: output.format)
        }
    }

    /// `2026-11-29T07:00:00Z backfill succeeded (exit 0) 2024-01-01..2024-03-01 windows 2 (skipped 0) rows raw.ndjson 40 · API 2 ...`
    static func line(_ run: RunRecord) -> String {
        var parts = [
            "\(run.startedAt) \(run.command) \(run.outcome.rawValue) (exit \(run.exitCode), \(run.endedAt.epochSeconds - run.startedAt.epochSeconds) s)",
            run.range?.description ?? "no range",
            "windows \(run.windowsDone) (skipped \(run.windowsSkipped))",
            "rows " + (run.rowsWritten.isEmpty ? "0"
                : run.rowsWritten.sorted { $0.key < $1.key }.map { "\(ProgressReporter.label(of: $0.key)) \($0.value)" }.joined(separator: ", ")),
        ]
        if run.apiCalls > 0 { parts.append("API \(run.apiCalls) (429s \(run.throttled), retries \(run.retries))") }
        parts.append("v\(run.version)")
        if let error = run.error { parts.append("error: \(error)") }
        return parts.joined(separator: " · ")
    }
}
