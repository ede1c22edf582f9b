import Foundation
import Logging
import SluiceCore

/// Shows a run's progress: one live line on a terminal, a log line every few seconds otherwise.
final class ProgressReporter: Sendable {
    private let task: Task<Void, Never>

    init(metrics: RunMetrics, logger: Logger, interval: Duration = .seconds(1), logEvery: Int = 10) {
        let live = StandardError.isTerminal && logger.logLevel <= .info
        task = Task {
            let started = ContinuousClock.now
            var ticks = 0
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard !Task.isCancelled else { break }
                ticks += 1
                let line = ProgressReporter.line(metrics.snapshot, elapsed: ContinuousClock.now - started)
                if live {
                    StandardError.show(status: line)
                } else if ticks % logEvery == 0 {
                    logger.info("progress", metadata: ["status": "\(line)"])
                }
            }
            if live { StandardError.show(status: nil) }
        }
    }

    func stop() {
        task.cancel()
    }

    /// `windows 3/12 · pages 40 · rows gong.days 380, gong.calls 1200 · API 40 (9960 left today) · 2.9 calls/s · ETA 0:01:12`:
    /// the rows committed by each sink, labelled with its table or file name, in the order of their identities.
    static func line(_ snapshot: RunMetrics.Snapshot, elapsed: Duration) -> String {
        let toRun = snapshot.windowsTotal - snapshot.windowsSkipped
        var parts = ["windows \(snapshot.windowsDone)/\(toRun)"]
        if snapshot.pages > 0 { parts.append("pages \(snapshot.pages)") }
        parts.append("rows " + snapshot.rowsWritten.sorted { $0.key < $1.key }.map { "\(label(of: $0.key)) \($0.value)" }.joined(separator: ", "))
        let seconds = max(elapsed.seconds, 0.001)
        if snapshot.apiCalls > 0 {
            var api = "API \(snapshot.apiCalls)"
            if let left = snapshot.quotaRemaining { api += " (\(left) left today)" }
            parts.append(api)
            parts.append(String(format: "%.1f calls/s", Double(snapshot.apiCalls) / seconds))
        }
        if snapshot.windowsDone > 0, toRun > snapshot.windowsDone {
            let remaining = seconds / Double(snapshot.windowsDone) * Double(toRun - snapshot.windowsDone)
            parts.append("ETA " + Duration.seconds(remaining).formatted(.time(pattern: .hourMinuteSecond)))
        }
        return parts.joined(separator: " · ")
    }

    /// A sink's short name: `schema.table` for `postgres:schema.table`, the file name of a path.
    static func label(of identity: String) -> String {
        if identity.hasPrefix("postgres:") { return String(identity.dropFirst("postgres:".count)) }
        return identity.split(separator: "/").last.map(String.init) ?? identity
    }
}
