import Foundation
import GongEmulator
import SluiceCore
import SluicePluginTesting
import SluiceTestKit
import Testing

/// Targets that do not confirm a window fail the run with an error naming them, and commit nothing.
@Suite struct SingerTargetFailureTests {
    @Test func aTargetThatExitsWithoutEchoingTheStateCommitsNothing() async throws {
        let (result, committed) = try await SingerTargets.backfill(command: ["/bin/sh", "-c", "cat >/dev/null", "swallow"])
        #expect(result.status == 1, "\(result.errors)")
        #expect(result.errorCode == "singer_no_state_echo", "\(result.errors)")
        #expect(result.errors.contains("the Singer target /bin/sh exited without echoing the window's STATE"), "\(result.errors)")
        #expect(committed.isEmpty)
    }

    @Test func aTargetThatFailsIsReportedWithItsStatusAndLastStderrLine() async throws {
        let (result, committed) = try await SingerTargets.backfill(command: ["/bin/sh", "-c", "cat >/dev/null; echo 'cannot reach the warehouse' >&2; exit 3", "failing"])
        #expect(result.errorCode == "singer_target", "\(result.errors)")
        #expect(result.errors.contains("exited with status 3"), "\(result.errors)")
        #expect(result.errors.contains("cannot reach the warehouse"), "\(result.errors)")
        #expect(committed.isEmpty)
    }

    @Test func aTargetThatNeverFinishesIsKilledAfterTheFlushTimeout() async throws {
        let started = ContinuousClock.now
        let (result, committed) = try await SingerTargets.backfill(command: ["/bin/sh", "-c", "cat >/dev/null; exec sleep 600", "stuck"], flushTimeout: 1)
        #expect(result.errorCode == "singer_target_timeout", "\(result.errors)")
        #expect(ContinuousClock.now - started < .seconds(50))
        #expect(committed.isEmpty)
    }

    @Test func aMissingProgramFailsBeforeAnyWindow() async throws {
        let (result, committed) = try await SingerTargets.backfill(command: ["no-such-singer-target"])
        #expect(result.errorCode == "singer_target", "\(result.errors)")
        #expect(result.errors.contains("no-such-singer-target is not an executable file on PATH"), "\(result.errors)")
        #expect(committed.isEmpty)
    }
}
