import Foundation
import Prometheus
import SluiceCore

/// `--metrics-file`: a run's figures in the Prometheus text format, for node_exporter's textfile
/// collector. The file is replaced atomically (written next to it, then renamed), so the collector
/// never reads half of it.
struct MetricsFile {
    let path: String

    /// Writes the figures of `run`.
    /// - Throws: ``SluiceError`` `.io` when the file cannot be written.
    func write(_ run: RunRecord) throws {
        let registry = PrometheusCollectorRegistry()
        let pipeline = [("pipeline", run.pipeline)]
        let gauge = { (name: String, help: String, labels: [(String, String)], value: Double) in
            registry.makeGauge(
                descriptor: MetricNameDescriptor(namespace: "sluice", subsystem: "run", metricName: name, unitName: "", helpText: help),
                labels: pipeline + labels
            ).set(to: value)
        }
        gauge("exit_code", "Exit code of the last run (0 success, 1 failed, 2 invalid, 3 quota spent, 4 skipped, 130 interrupted, 141 stdout closed).",
              [("outcome", run.outcome.rawValue)], Double(run.exitCode))
        gauge("success", "1 when the last run succeeded, else 0.", [], run.outcome == .succeeded ? 1 : 0)
        gauge("start_timestamp_seconds", "When the last run started (Unix time).", [], Double(run.startedAt.epochSeconds))
        gauge("end_timestamp_seconds", "When the last run ended (Unix time).", [], Double(run.endedAt.epochSeconds))
        gauge("duration_seconds", "How long the last run took.", [], Double(run.endedAt.epochSeconds - run.startedAt.epochSeconds))
        if let peak = run.peakMemoryBytes {
            gauge("peak_memory_bytes", "The most memory the process held at once during the last run (resident set).", [], Double(peak))
        }
        for (name, value) in run.counts {
            gauge(name, "The last run's \(name.replacingOccurrences(of: "_", with: " ")).", [], Double(value))
        }
        for (sink, rows) in run.rowsWritten.sorted(by: { $0.key < $1.key }) {
            gauge("rows_written", "Rows the last run committed, per sink.", [("sink", sink)], Double(rows))
            gauge("rows_merged", "Rows the last run merged by key, per sink.", [("sink", sink)], Double(run.rowsMerged[sink] ?? 0))
        }
        let temporary = path + ".tmp-\(getpid())"
        let text = ProcessSecrets.scrub(String(decoding: registry.emitToBuffer(), as: UTF8.self))
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)),
              rename(temporary, path) == 0
        else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw SluiceError(.io, "cannot write the metrics file \(path): \(reason)", hint: "check that its folder exists and is writable")
        }
    }
}
