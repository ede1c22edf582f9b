import ArgumentParser
import SluiceCore

/// `sluice state show|reset`: what a pipeline has done, and forgetting it.
struct StateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state", abstract: "Show or forget which windows a pipeline has done.",
        subcommands: [Show.self, Reset.self]
    )

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The days each sink has committed, and today's API calls.")

        @Argument(help: "The pipeline file.")
        var pipeline: String

        func run() async throws {
            do {
                let loaded = try PipelineFile.load(pipeline)
                let committed = try await loaded.state.committedWindows(pipeline: loaded.name)
                print("pipeline \(loaded.name): state in \(loaded.state.location)")
                for stage in loaded.sinks {
                    let windows = committed[stage.sink.identity] ?? []
                    let ranges = WindowPlanner.doneRanges(committed: committed, sinks: [stage.sink.identity])
                    let shown = windows.contains(.whole) ? "all" : ranges.map(\.description).joined(separator: ", ")
                    print("  \(stage.type) \(stage.sink.identity): \(windows.count) window\(windows.count == 1 ? "" : "s") done\(shown.isEmpty ? "" : ": " + shown)")
                }
                let everywhere = WindowPlanner.doneRanges(committed: committed, sinks: loaded.resumingSinks)
                let wholeDone = loaded.resumingSinks.allSatisfy { committed[$0]?.contains(.whole) == true }
                let shown = everywhere.isEmpty ? (wholeDone && !loaded.resumingSinks.isEmpty ? "all" : "nothing") : everywhere.map(\.description).joined(separator: ", ")
                print("  done by every resuming sink: \(shown)")
                if let budget = loaded.source.dailyBudget {
                    let today = budget.today()
                    let used = try await loaded.state.usage(budget: budget.name, day: today)
                    print("  API calls on \(today): \(used) of \(budget.perDay) (\(budget.name))")
                }
            } catch {
                throw FailureReport.exitCode(for: error)
            }
        }
    }

    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Forget the done windows (all, or those overlapping --from..--to).")

        @Argument(help: "The pipeline file.")
        var pipeline: String

        @Option(help: "First day of the days to forget (YYYY-MM-DD).")
        var from: DateArgument?

        @Option(help: "End day, excluded, of the days to forget (YYYY-MM-DD).")
        var to: DateArgument?

        func validate() throws {
            guard (from == nil) == (to == nil) else { throw ValidationError("give both --from and --to, or neither") }
            if let from, let to, from.date >= to.date { throw ValidationError("--to is excluded and must come after --from") }
        }

        func run() async throws {
            do {
                let loaded = try PipelineFile.load(pipeline)
                let range = from.flatMap { from in to.map { DateRange(from: from.date, to: $0.date) } }
                let lock = try await loaded.state.lockRun(pipeline: loaded.name)
                try await loaded.state.reset(pipeline: loaded.name, range: range)
                await lock.release()
                print("pipeline \(loaded.name): forgot \(range.map { "the windows overlapping \($0)" } ?? "every window")")
            } catch {
                throw FailureReport.exitCode(for: error)
            }
        }
    }
}
