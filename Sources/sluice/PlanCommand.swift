import ArgumentParser
import SluiceCore

/// `sluice plan`: what a run would do, without calling any API or writing anything: the windows to
/// run and those done, the API calls it needs against the day's quota, each stage's schema and the
/// statements the sinks would run.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Show the windows, API calls, schemas and DDL of a run, without running it."
    )

    @Argument(help: "The pipeline file.")
    var pipeline: String

    @OptionGroup var range: RangeOptions

    func run() async throws {
        do {
            let loaded = try PipelineFile.load(pipeline)
            let committed: [String: Set<Window>]
            do {
                committed = try await loaded.state.committedWindows(pipeline: loaded.name)
            } catch {
                print("state: unavailable (\(error)); every window is shown as to run")
                committed = [:]
            }
            let windows = try range.windows(for: loaded, committed: committed)
            let pending = windows.filter { !loaded.sinksNeeding($0, committed: committed).isEmpty }
            print("pipeline \(loaded.name): source \(loaded.sourceType), \(loaded.sinks.count) sinks, state in \(loaded.state.location)")
            print("windows: \(pending.count) to run, \(windows.count - pending.count) done, of \(windows.count) (\(PipelineExecution.span(of: windows)))")
            for window in windows {
                let waiting = loaded.sinksNeeding(window, committed: committed).count
                let total = loaded.sinks.count
                print("  \(waiting == 0 ? "done" : waiting == total ? "run " : "run (\(waiting) of \(total) sinks)") \(window)")
            }
            try await printCalls(pending.count, loaded)
            printSchemas(loaded)
        } catch {
            throw FailureReport.exitCode(for: error)
        }
    }

    private func printCalls(_ windows: Int, _ loaded: Pipeline) async throws {
        guard let budget = loaded.source.dailyBudget else { return }
        let today = budget.today()
        let used = (try? await loaded.state.usage(budget: budget.name, day: today)) ?? 0
        let needed = windows * budget.minimumCallsPerWindow
        let left = max(0, budget.perDay - used)
        print("API calls: at least \(needed) (one per window, one more per further page of users);"
              + " \(left) of \(budget.perDay) left on \(today) (\(budget.name))"
              + (needed > left ? ": the quota runs out first, the run will stop with exit 3 and resume later" : ""))
    }

    private func printSchemas(_ loaded: Pipeline) {
        print("schemas:")
        print("  source \(loaded.sourceType): \(loaded.source.schema)")
        for (index, stage) in loaded.transforms.enumerated() {
            print("  transforms[\(index)] \(stage.type): \(stage.output)")
        }
        for (index, stage) in loaded.sinks.enumerated() {
            let chain = stage.transforms.map(\.type).joined(separator: " -> ")
            print("  sinks[\(index)] \(stage.type) \(stage.sink.identity)\(chain.isEmpty ? "" : " after " + chain): \(stage.input)")
            for statement in stage.sink.plannedStatements(input: stage.input) {
                print("    \(statement)")
            }
        }
    }
}
