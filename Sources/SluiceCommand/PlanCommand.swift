import ArgumentParser
import SluiceCore

/// `sluice plan`: what a run would do, without calling any API or writing anything: the windows to
/// run and those done, the API calls it needs against the day's quota, each stage's schema and the
/// statements the sinks would run against their targets as they are now (read only).
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Show the windows, API calls, schemas and DDL of a run, without running it."
    )

    @Argument(help: "The pipeline file.")
    var pipeline: String

    @OptionGroup var range: RangeOptions
    @OptionGroup var output: FormatOption

    func run() async throws {
        do {
            let plan = try await RunPlan(file: pipeline, range: range)
            switch output.format {
            case .text: for line in plan.lines { StandardOutput.write(line) }
            case .json: StandardOutput.write(JSONWriter.string(plan.json))
            }
        } catch {
            throw FailureReport.exitCode(for: error, format: output.format)
        }
    }
}
