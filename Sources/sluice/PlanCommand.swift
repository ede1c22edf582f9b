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
            let coverage: [String: DayCoverage]
            do {
                coverage = Pipeline.coverage(try await loaded.state.committedWindows(pipeline: loaded.name))
            } catch {
                print("state: unavailable (\(error)); every window is shown as to run")
                coverage = [:]
            }
            let selection = try range.windows(for: loaded, coverage: coverage)
            let plans = selection.windows.map { loaded.plans(for: [$0], coverage: coverage, rereading: selection.rereading) }
            let toRun = plans.filter { !$0.isEmpty }.count
            print("pipeline \(loaded.name): source \(loaded.sourceType), \(loaded.sinks.count) sinks, state in \(loaded.state.location)")
            print("relative paths in the file are resolved against its folder, \(PipelineLoader.folder(of: pipeline))")
            print("windows: \(toRun) to run, \(plans.count - toRun) done, of \(plans.count) (\(PipelineExecution.span(of: selection.windows)))")
            for (window, pieces) in zip(selection.windows, plans) {
                print("  " + describe(window, pieces, loaded))
            }
            for stage in loaded.sinks where stage.sink.resumesCommittedWindows {
                print("  \(stage.sink.identity) has committed: \(coverage[stage.sink.identity] ?? .empty)")
            }
            if let rereading = selection.rereading {
                let takers = loaded.sinks.filter(\.sink.rewritesDaysInPlace).map(\.sink.identity)
                print("  look-back re-read of \(rereading): "
                      + (takers.isEmpty ? "no sink rewrites days in place, so none is re-read" : "for " + takers.joined(separator: ", ")))
            }
            try await printCalls(plans.joined().count, loaded)
            printSchemas(loaded)
        } catch {
            throw FailureReport.exitCode(for: error)
        }
    }

    /// `done W`, `run  W`, or `run  W: P1 -> sinks; P2 -> sinks` when only some days or some
    /// sinks of the window are left.
    private func describe(_ window: Window, _ pieces: [WindowPlan], _ loaded: Pipeline) -> String {
        guard !pieces.isEmpty else { return "done \(window)" }
        let everySink = Array(loaded.sinks.indices)
        if pieces == [WindowPlan(window: window, sinks: everySink)] { return "run  \(window)" }
        return "run  \(window): " + pieces.map { piece in
            let sinks = piece.sinks == everySink ? "every sink" : piece.sinks.map { loaded.sinks[$0].sink.identity }.joined(separator: ", ")
            return "\(piece.window) -> \(sinks)"
        }.joined(separator: "; ")
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
