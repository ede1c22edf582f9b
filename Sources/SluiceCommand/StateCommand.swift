import ArgumentParser
import Foundation
import SluiceCore

/// `sluice state show|reset`: what a pipeline has done, and forgetting it.
struct StateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state", abstract: "Show or forget the days a pipeline's sinks have committed.",
        subcommands: [Show.self, Reset.self]
    )

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The days each sink has committed, and today's API calls.")

        @Argument(help: "The pipeline file.")
        var pipeline: String

        @OptionGroup var output: FormatOption

        func run() async throws {
            do {
                let loaded = try PipelineFile.load(pipeline)
                let coverage = Pipeline.coverage(try await loaded.state.committedWindows(pipeline: loaded.name))
                let everywhere = loaded.coveredEverywhere(coverage)
                let budget = loaded.source.dailyBudget
                var used: Int?
                if let budget { used = try await loaded.state.usage(budget: budget.name, day: budget.today()) }
                switch output.format {
                case .text:
                    StandardOutput.write("pipeline \(loaded.name): state in \(loaded.state.location)")
                    for stage in loaded.sinks {
                        let covered = coverage[stage.sink.identity] ?? .empty
                        StandardOutput.write("  \(stage.type) \(stage.sink.identity): \(covered.dayCount) days committed: \(covered)")
                    }
                    StandardOutput.write("  done by every resuming sink: \(everywhere)")
                    if let budget, let used { StandardOutput.write("  API calls on \(budget.today()): \(used) of \(budget.perDay) (\(budget.name))") }
                case .json:
                    var sinks = ValueObject()
                    for stage in loaded.sinks {
                        let covered = coverage[stage.sink.identity] ?? .empty
                        sinks[stage.sink.identity] = .object([
                            "type": .string(stage.type), "days": .int(Int64(covered.dayCount)), "whole_input": .bool(covered.coversWhole),
                            "committed": .array(covered.ranges.map { .string($0.description) }),
                        ])
                    }
                    var object: ValueObject = [
                        "pipeline": .string(loaded.name), "state": .string(loaded.state.location), "sinks": .object(sinks),
                        "committed_everywhere": .array(everywhere.ranges.map { .string($0.description) }),
                    ]
                    if let budget, let used {
                        object["api_calls"] = .object([
                            "day": .string(budget.today().description), "used": .int(Int64(used)), "per_day": .int(Int64(budget.perDay)),
                            "budget": .string(budget.name),
                        ])
                    }
                    StandardOutput.write(JSONWriter.string(.object(object)))
                }
            } catch {
                throw FailureReport.exitCode(for: error, format: output.format)
            }
        }
    }

    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Forget the committed days (all, or those of --from..--to), after showing what goes.",
            discussion: """
                A later run reads the forgotten days again. A sink that appends (an ndjson file, a postgres table in \
                append mode) keeps the rows it holds, so it would get those days twice: remove them from it first.
                """
        )

        @Argument(help: "The pipeline file.")
        var pipeline: String

        @Option(help: "First day of the days to forget (YYYY-MM-DD).")
        var from: DateArgument?

        @Option(help: "End day, excluded, of the days to forget (YYYY-MM-DD).")
        var to: DateArgument?

        @Flag(help: "Forget without asking (needed when stdin is not a terminal).")
        var yes = false

        func validate() throws {
            guard (from == nil) == (to == nil) else { throw ValidationError("give both --from and --to, or neither") }
            if let from, let to, from.date >= to.date { throw ValidationError("--to is excluded and must come after --from") }
        }

        func run() async throws {
            do {
                let loaded = try PipelineFile.load(pipeline)
                let range = from.flatMap { from in to.map { DateRange(from: from.date, to: $0.date) } }
                let lock = try await loaded.state.lockRun(pipeline: loaded.name)
                do {
                    try await forget(loaded, range: range)
                } catch {
                    await lock.release()
                    throw error
                }
                await lock.release()
            } catch {
                throw FailureReport.exitCode(for: error)
            }
        }

        /// Shows what `range` would forget, asks, and forgets it.
        private func forget(_ loaded: Pipeline, range: DateRange?) async throws {
            let before = Pipeline.coverage(try await loaded.state.committedWindows(pipeline: loaded.name))
            guard preview(loaded, before: before, range: range) > 0 else {
                StandardOutput.write("nothing to forget")
                return
            }
            guard try confirmed() else {
                StandardOutput.write("nothing forgotten")
                throw ExitCode(SluiceError.Outcome.invalid.rawValue)
            }
            try await loaded.state.reset(pipeline: loaded.name, range: range)
            StandardOutput.write("forgot \(range.map { "the days of \($0)" } ?? "every committed day") of pipeline \(loaded.name)")
        }

        /// Prints, per sink, the days that would be forgotten; returns how many in all.
        private func preview(_ loaded: Pipeline, before: [String: DayCoverage], range: DateRange?) -> Int {
            var total = 0
            StandardOutput.write("pipeline \(loaded.name): state in \(loaded.state.location)")
            for stage in loaded.sinks {
                let covered = before[stage.sink.identity] ?? .empty
                let lost = range.map { covered.intersection(DayCoverage([Window(days: $0)])) } ?? covered
                let count = lost.dayCount + (range == nil && lost.coversWhole ? 1 : 0)
                total += count
                guard count > 0 else { continue }
                StandardOutput.write("  \(stage.sink.identity): forgets \(lost.dayCount) days: \(lost)")
                if stage.sink.resumesCommittedWindows, !stage.sink.rewritesDaysInPlace {
                    StandardOutput.write("    warning: this sink appends; it keeps its rows of these days and a later run appends them again")
                }
            }
            return total
        }

        /// `--yes`, or a "y" typed at the terminal.
        private func confirmed() throws -> Bool {
            if yes { return true }
            guard isatty(STDIN_FILENO) == 1 else {
                throw SluiceError(.confirmationNeeded, "state reset asks before forgetting, and stdin is not a terminal",
                                  hint: "add --yes to forget without asking", outcome: .invalid)
            }
            StandardOutput.write("forget these days? [y/N] ", terminator: "")
            return readLine()?.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("y") == true
        }
    }
}

extension SluiceError.Code {
    /// A command that asks before acting ran without a terminal and without `--yes`.
    static let confirmationNeeded = Self(rawValue: "confirmation_needed")
}
