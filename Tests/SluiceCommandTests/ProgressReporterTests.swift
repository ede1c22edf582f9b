import Logging
@testable import SluiceCommand
import SluiceCore
import SluiceTestKit
import Testing

/// The progress line's content, and its log line when stderr is not a terminal (as under tests).
@Suite struct ProgressReporterTests {
    static func snapshot() -> RunMetrics.Snapshot {
        var snapshot = RunMetrics.Snapshot()
        snapshot.windowsTotal = 14
        snapshot.windowsSkipped = 2
        snapshot.windowsDone = 3
        snapshot.pages = 40
        snapshot.apiCalls = 45
        snapshot.quotaRemaining = 9_955
        snapshot.rowsWritten = ["postgres:b.calls": 1_200, "postgres:a.days": 380]
        return snapshot
    }

    @Test func theLineSaysWindowsPagesRowsCallsAndTimeLeft() {
        let line = ProgressReporter.line(Self.snapshot(), elapsed: .seconds(15))
        // 3 of 12 windows in 15 s: 9 more take 45 s.
        #expect(line == "windows 3/12 · pages 40 · rows a.days 380, b.calls 1200 · API 45 (9955 left today) · 3.0 calls/s · ETA 0:00:45")
    }

    @Test func theLineLeavesOutWhatIsNotKnownYet() {
        var snapshot = RunMetrics.Snapshot()
        snapshot.windowsTotal = 5
        snapshot.rowsWritten = ["stdout": 0]
        #expect(ProgressReporter.line(snapshot, elapsed: .seconds(1)) == "windows 0/5 · rows stdout 0")
    }

    @Test func withoutATerminalItLogsTheLineEveryFewTicks() async throws {
        let lines = CapturingLogHandler.Lines()
        var logger = Logger(label: "test") { _ in CapturingLogHandler(lines: lines) }
        logger.logLevel = .info
        let metrics = RunMetrics()
        metrics.update { $0 = Self.snapshot() }
        let reporter = ProgressReporter(metrics: metrics, logger: logger, interval: .milliseconds(5), logEvery: 2)
        try await waitUntil { lines.all.count >= 2 }
        reporter.stop()
        #expect(lines.all.allSatisfy { $0.hasPrefix("info progress") && $0.contains("windows 3/12 · pages 40 · rows a.days 380, b.calls 1200") })
    }

    /// On a terminal a log line is written above the progress line, never inside it.
    @Test func aLogLineGoesAboveTheProgressLine() {
        #expect(StandardError.frame("info window committed\n", above: nil) == "info window committed\n")
        #expect(StandardError.frame("info window committed\n", above: "windows 3/12") == "\r\u{1B}[Kinfo window committed\nwindows 3/12")
    }
}
