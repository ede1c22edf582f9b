import ArgumentParser
import Foundation
import Logging
import SluiceCore
import SluiceGong

/// What every command that moves data shares: loading the file, running with signal handling and
/// progress, the summary, the run history and the metrics file, and turning errors into messages
/// and exit codes.
struct PipelineExecution {
    let logger: Logger
    /// `run` or `backfill`, as the run history records it.
    let command: String
    let logFormat: OutputFormat
    var metricsFile: String?

    init(command: String, logging: LoggingOptions, metricsFile: String?) {
        logger = logging.makeLogger()
        self.command = command
        logFormat = logging.logFormat
        self.metricsFile = metricsFile
    }

    /// Loads `file`, plans its windows with `plan`, runs them, and records the run.
    ///
    /// From the start, the first SIGINT or SIGTERM cancels whatever the run is doing (taking the
    /// lock, planning, the windows) and the run ends with exit 130 (see ``Interruption``,
    /// ``SignalTrap``); the lock is still released and the run recorded.
    /// - Throws: `ExitCode` after printing what went wrong.
    func run(
        file: String, plan: @escaping @Sendable (Pipeline) async throws -> WindowSelection,
        configure: (inout Runner) -> Void = { _ in }
    ) async throws {
        let startedAt = Timestamp.now
        let metrics = RunMetrics()
        let interruption = Interruption()
        let trap = SignalTrap { [logger] signal in
            // Cancelled first: once the message is out, no window in flight commits any more.
            interruption.interrupt()
            logger.warning("received \(signal == SIGINT ? "SIGINT" : "SIGTERM"): rolling back the windows in flight, starting no new one")
        }
        defer { trap.cancel() }
        var pipeline: Pipeline?
        var range: DateRange?
        do {
            let loaded = try PipelineFile.load(file)
            pipeline = loaded
            let lock = try await interruption.run { try await loaded.state.lockRun(pipeline: loaded.name) }
            do {
                let selection = try await interruption.run { try await plan(loaded) }
                range = Self.range(of: selection.windows)
                var runner = Runner(pipeline: loaded, logger: logger, metrics: metrics)
                runner.lock = lock
                runner.services.provide(EmbeddedGong(), as: (any EmbeddedGongHost).self)
                configure(&runner)
                logger.info("run started", metadata: [
                    "pipeline": "\(loaded.name)", "windows": .stringConvertible(selection.windows.count),
                    "range": "\(Self.span(of: selection.windows))", "state": "\(loaded.state.location)",
                ])
                let summary: RunSummary
                do {
                    summary = try await runWithProgress(runner, selection: selection, interruption: interruption)
                } catch {
                    noteEarlyEnd(of: runner, after: error)
                    throw error
                }
                report(summary, pipeline: loaded, windows: selection.windows)
                await record(pipeline: loaded, startedAt: startedAt, range: range, metrics: metrics, status: 0, error: nil)
                await lock.release()
            } catch {
                await lock.release()
                throw error
            }
        } catch {
            // Recorded first, so that the error stays the last line of the run.
            if let pipeline {
                let status = FailureReport.status(of: error)
                await record(pipeline: pipeline, startedAt: startedAt, range: range, metrics: metrics, status: status, error: error)
            }
            throw FailureReport.exitCode(for: error, format: logFormat)
        }
    }

    /// Adds the run to the pipeline's history and writes the metrics file; a failure here is
    /// logged, and does not change how the run ended.
    private func record(pipeline: Pipeline, startedAt: Timestamp, range: DateRange?, metrics: RunMetrics, status: Int32, error: (any Error)?) async {
        let run = RunRecord(
            pipeline: pipeline.name, command: command, startedAt: startedAt, endedAt: .now, exitCode: status, range: range,
            metrics: metrics.snapshot, peakMemoryBytes: ProcessMemory.peakBytes, error: error.map { ProcessSecrets.scrub("\($0)") }
        )
        do {
            try await pipeline.state.recordRun(run)
        } catch {
            logger.warning("the run could not be added to the run history", metadata: ["error": "\(error)"])
        }
        guard let metricsFile else { return }
        do {
            try MetricsFile(path: metricsFile).write(run)
        } catch {
            logger.warning("the metrics file could not be written", metadata: ["error": "\(error)"])
        }
    }

    /// After a run that failed having committed windows: says that they are kept and how to resume.
    private func noteEarlyEnd(of runner: Runner, after error: any Error) {
        let counts = runner.metrics.snapshot
        let quiet: Set<SluiceError.Code> = [.interrupted, .stdoutClosed]
        let interrupted = (error as? SluiceError).map { quiet.contains($0.code) } == true || error is CancellationError
        guard counts.windowsDone > 0, !interrupted else { return }
        logger.notice("run ended early; the windows committed are kept, and the same command resumes after them", metadata: [
            "windowsCommitted": .stringConvertible(counts.windowsDone), "windowsSkipped": .stringConvertible(counts.windowsSkipped),
            "windows": .stringConvertible(counts.windowsTotal),
        ])
    }

    private func runWithProgress(_ runner: Runner, selection: WindowSelection, interruption: Interruption) async throws -> RunSummary {
        let progress = ProgressReporter(metrics: runner.metrics, logger: logger)
        defer { progress.stop() }
        return try await interruption.run { try await runner.run(selection) }
    }

    /// The days `windows` span; `nil` when none is dated.
    static func range(of windows: [Window]) -> DateRange? {
        let days = windows.compactMap(\.days)
        guard let first = days.map(\.from).min(), let last = days.map(\.to).max() else { return nil }
        return DateRange(from: first, to: last)
    }

    /// `2024-01-01..2024-07-01` for dated windows, `all` for the whole input, `none` for no window.
    static func span(of windows: [Window]) -> String {
        range(of: windows)?.description ?? (windows.isEmpty ? "none" : "all")
    }

    /// The summary: counts as numbers, rows keyed by sink identity (`rows[postgres:gong.days]=120` in
    /// text, `"rows": {"postgres:gong.days": 120}` in JSON).
    private func report(_ summary: RunSummary, pipeline: Pipeline, windows: [Window]) {
        let metrics = summary.metrics
        var rows: Logger.Metadata = [:]
        var merged: Logger.Metadata = [:]
        for stage in pipeline.sinks {
            let identity = stage.sink.identity
            rows[identity] = .stringConvertible(metrics.rowsWritten[identity] ?? 0)
            if let count = metrics.rowsMerged[identity], count > 0 { merged[identity] = .stringConvertible(count) }
        }
        var metadata: Logger.Metadata = [
            "pipeline": "\(pipeline.name)",
            "range": "\(Self.span(of: windows))",
            "windows": .stringConvertible(metrics.windowsDone),
            "skipped": .stringConvertible(metrics.windowsSkipped),
            "rowsRead": .stringConvertible(metrics.rowsRead),
            "seconds": .stringConvertible((summary.duration.seconds * 100).rounded() / 100),
            "rows": .dictionary(rows),
        ]
        if !merged.isEmpty { metadata["mergedByKey"] = .dictionary(merged) }
        if metrics.apiCalls > 0 { metadata["apiCalls"] = .stringConvertible(metrics.apiCalls) }
        if metrics.throttled > 0 { metadata["throttled"] = .stringConvertible(metrics.throttled) }
        if let peak = ProcessMemory.peakBytes { metadata["peakMemoryMB"] = .stringConvertible((Double(peak) / 1_048_576 * 10).rounded() / 10) }
        logger.notice("run finished", metadata: metadata)
    }
}
