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
        file: String, plan: (Pipeline) throws -> [Window], configure: (inout Runner) -> Void = { _ in }
    ) async throws {
        do {
            let loader = PipelineLoader(registry: DefaultRegistry.make(), environment: ProcessInfo.processInfo.environment)
            let pipeline = try loader.load(path: file)
            let windows = try plan(pipeline)
            var runner = Runner(pipeline: pipeline, logger: logger)
            configure(&runner)
            logger.info("run started", metadata: [
                "pipeline": "\(pipeline.name)", "windows": "\(windows.count)", "state": "\(pipeline.state.location)",
            ])
            let summary = try await runInterruptibly(runner, windows: windows)
            report(summary, pipeline: pipeline)
        } catch {
            throw fail(error)
        }
    }

    private func runInterruptibly(_ runner: Runner, windows: [Window]) async throws -> RunSummary {
        let interruption = Interruption()
        let trap = SignalTrap { [logger] signal in
            logger.warning("received \(signal == SIGINT ? "SIGINT" : "SIGTERM"): rolling back the windows in flight, starting no new one")
            interruption.interrupt()
        }
        let task = Task { try await runner.run(windows: windows) }
        interruption.attach(task)
        let progress = ProgressReporter(metrics: runner.metrics, logger: logger)
        defer {
            trap.cancel()
            progress.stop()
        }
        return try await task.value
    }

    private func report(_ summary: RunSummary, pipeline: Pipeline) {
        let metrics = summary.metrics
        var metadata: Logger.Metadata = [
            "pipeline": "\(pipeline.name)",
            "windows": "\(metrics.windowsDone)",
            "skipped": "\(metrics.windowsSkipped)",
            "rowsRead": "\(metrics.rowsRead)",
            "seconds": "\(String(format: "%.2f", summary.duration.seconds))",
        ]
        if metrics.apiCalls > 0 { metadata["apiCalls"] = "\(metrics.apiCalls)" }
        for stage in pipeline.sinks {
            metadata["rows[\(stage.sink.identity)]"] = "\(metrics.rowsWritten[stage.sink.identity] ?? 0)"
        }
        logger.notice("run finished", metadata: metadata)
    }

    /// Prints `error` for a person and returns the exit code it means.
    private func fail(_ error: any Error) -> ExitCode {
        switch error {
        case let invalid as PipelineInvalid:
            StandardError.write("\(invalid)\n")
            return ExitCode(SluiceError.Outcome.invalid.rawValue)
        case let failure as SluiceError where failure.code == .interrupted:
            StandardError.write("sluice: \(failure)\n")
            return ExitCode(130)
        case let failure as SluiceError:
            StandardError.write("sluice: \(failure.outcome == .quotaExhausted ? "stopped" : "error"): \(failure)\n")
            return ExitCode(failure.outcome.rawValue)
        default:
            StandardError.write("sluice: error: \(error)\n")
            return ExitCode.failure
        }
    }
}
