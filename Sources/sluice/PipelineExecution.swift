import ArgumentParser
import Foundation
import Logging
import SluiceCore

/// What every command that moves data shares: loading the file, running with signal handling and
/// progress, the summary, and turning errors into messages and exit codes.
struct PipelineExecution {
    let logger: Logger

    /// Loads `file`, plans its windows with `plan`, and runs them.
    /// - Throws: `ExitCode` after printing what went wrong.
    func run(
        file: String, plan: (Pipeline) async throws -> WindowSelection, configure: (inout Runner) -> Void = { _ in }
    ) async throws {
        do {
            let pipeline = try PipelineFile.load(file)
            let lock = try await pipeline.state.lockRun(pipeline: pipeline.name)
            do {
                let selection = try await plan(pipeline)
                let windows = selection.windows
                var runner = Runner(pipeline: pipeline, logger: logger)
                runner.lock = lock
                configure(&runner)
                logger.info("run started", metadata: [
                    "pipeline": "\(pipeline.name)", "windows": "\(windows.count)", "range": "\(Self.span(of: windows))",
                    "state": "\(pipeline.state.location)",
                ])
                let summary: RunSummary
                do {
                    summary = try await runInterruptibly(runner, selection: selection)
                } catch {
                    noteEarlyEnd(of: runner, after: error)
                    throw error
                }
                report(summary, pipeline: pipeline, windows: windows)
                await lock.release()
            } catch {
                await lock.release()
                throw error
            }
        } catch {
            throw FailureReport.exitCode(for: error)
        }
    }

    /// After a run that failed having committed windows: says that they are kept and how to resume.
    private func noteEarlyEnd(of runner: Runner, after error: any Error) {
        let counts = runner.metrics.snapshot
        let interrupted = (error as? SluiceError)?.code == .interrupted || error is CancellationError
        guard counts.windowsDone > 0, !interrupted else { return }
        logger.notice("run ended early; the windows committed are kept, and the same command resumes after them", metadata: [
            "windowsCommitted": "\(counts.windowsDone)", "windowsSkipped": "\(counts.windowsSkipped)", "windows": "\(counts.windowsTotal)",
        ])
    }

    private func runInterruptibly(_ runner: Runner, selection: WindowSelection) async throws -> RunSummary {
        let interruption = Interruption()
        let trap = SignalTrap { [logger] signal in
            logger.warning("received \(signal == SIGINT ? "SIGINT" : "SIGTERM"): rolling back the windows in flight, starting no new one")
            interruption.interrupt()
        }
        let task = Task { try await runner.run(selection) }
        interruption.attach(task)
        let progress = ProgressReporter(metrics: runner.metrics, logger: logger)
        defer {
            trap.cancel()
            progress.stop()
        }
        return try await task.value
    }

    /// `2024-01-01..2024-07-01` for dated windows, `all` for the whole input, `none` for no window.
    static func span(of windows: [Window]) -> String {
        let days = windows.compactMap(\.days)
        guard let first = days.map(\.from).min(), let last = days.map(\.to).max() else { return windows.isEmpty ? "none" : "all" }
        return DateRange(from: first, to: last).description
    }

    private func report(_ summary: RunSummary, pipeline: Pipeline, windows: [Window]) {
        let metrics = summary.metrics
        var metadata: Logger.Metadata = [
            "pipeline": "\(pipeline.name)",
            "range": "\(Self.span(of: windows))",
            "windows": "\(metrics.windowsDone)",
            "skipped": "\(metrics.windowsSkipped)",
            "rowsRead": "\(metrics.rowsRead)",
            "seconds": "\(String(format: "%.2f", summary.duration.seconds))",
        ]
        if metrics.apiCalls > 0 { metadata["apiCalls"] = "\(metrics.apiCalls)" }
        for stage in pipeline.sinks {
            metadata["rows[\(stage.sink.identity)]"] = "\(metrics.rowsWritten[stage.sink.identity] ?? 0)"
            if let merged = metrics.rowsMerged[stage.sink.identity], merged > 0 {
                metadata["mergedByKey[\(stage.sink.identity)]"] = "\(merged)"
            }
        }
        logger.notice("run finished", metadata: metadata)
    }
}
