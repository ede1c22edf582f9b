import Foundation
import GongEmulator
import SluiceCore
import SluiceTestKit
import Testing

/// Targets that do not confirm a window fail the run with an error naming them, and commit nothing.
@Suite struct SingerTargetFailureTests {
    static let range = DateRange(from: CalendarDate("2025-01-01")!, to: CalendarDate("2025-01-15")!)

    /// Runs a backfill of ``range`` through a `singer` sink with `command`; returns the result and
    /// the windows the sink committed.
    static func run(command: [String], flushTimeout: Int? = nil) async throws -> (SluiceProcess.Result, [String]) {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        return try await withEmulator(EmulatorHarness.faulty(seed: 34, ratePerSecond: nil, errorRate: 0)) { emulator in
            try GongPipelineFile(
                name: "singer-failure", emulator: emulator, fromDate: range.from, toDate: range.to, windowDays: 7, lookbackDays: 0,
                sinks: [SingerTargets.perDaySink(command: command, config: [:], stream: "days", flushTimeout: flushTimeout)],
                state: .object(["type": .string("file"), "path": .string(folder.file("state.json"))])
            ).write(to: folder.file("pipeline.json"))
            let result = try await SluiceProcess(
                ["backfill", folder.file("pipeline.json"), "--from", range.from.description, "--to", range.to.description, "--log-format", "json"],
                in: folder.path
            ).finish(within: .seconds(60))
            let committed = try SingerTargets.committedWindows(stateFile: folder.file("state.json"), pipeline: "singer-failure")
            return (result, committed.values.flatMap { $0 })
        }
    }

    @Test func aTargetThatExitsWithoutEchoingTheStateCommitsNothing() async throws {
        let (result, committed) = try await Self.run(command: ["/bin/sh", "-c", "cat >/dev/null", "swallow"])
        #expect(result.status == 1, "\(result.errors)")
        #expect(result.errorCode == "singer_no_state_echo", "\(result.errors)")
        #expect(result.errors.contains("the Singer target /bin/sh exited without echoing the window's STATE"), "\(result.errors)")
        #expect(committed.isEmpty)
    }

    @Test func aTargetThatFailsIsReportedWithItsStatusAndLastStderrLine() async throws {
        let (result, committed) = try await Self.run(command: ["/bin/sh", "-c", "cat >/dev/null; echo 'cannot reach the warehouse' >&2; exit 3", "failing"])
        #expect(result.errorCode == "singer_target", "\(result.errors)")
        #expect(result.errors.contains("exited with status 3"), "\(result.errors)")
        #expect(result.errors.contains("cannot reach the warehouse"), "\(result.errors)")
        #expect(committed.isEmpty)
    }

    @Test func aTargetThatNeverFinishesIsKilledAfterTheFlushTimeout() async throws {
        let started = ContinuousClock.now
        let (result, committed) = try await Self.run(command: ["/bin/sh", "-c", "cat >/dev/null; exec sleep 600", "stuck"], flushTimeout: 1)
        #expect(result.errorCode == "singer_target_timeout", "\(result.errors)")
        #expect(ContinuousClock.now - started < .seconds(50))
        #expect(committed.isEmpty)
    }

    @Test func aMissingProgramFailsBeforeAnyWindow() async throws {
        let (result, committed) = try await Self.run(command: ["no-such-singer-target"])
        #expect(result.errorCode == "singer_target", "\(result.errors)")
        #expect(result.errors.contains("no-such-singer-target is not an executable file on PATH"), "\(result.errors)")
        #expect(committed.isEmpty)
    }
}
