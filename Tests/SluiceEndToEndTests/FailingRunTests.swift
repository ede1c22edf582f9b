import Foundation
import GongEmulator
import SluiceCore
import SluicePluginTesting
import SluiceTestKit
import Testing

/// A run whose source fails stops with exit 1 and says why, leaving nothing half-written.
@Suite struct FailingRunTests {
    @Test func aRunWhoseSourceFailsExitsWith1AndSaysWhy() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let output = folder.file("out/days.ndjson")
        try await withEmulator(EmulatorHarness.faulty(seed: 51, ratePerSecond: nil, errorRate: 0)) { emulator in
            try GongPipelineFile(
                name: "e2e-failing", emulator: emulator, fromDate: CalendarDate("2025-01-01")!, toDate: CalendarDate("2025-03-01")!,
                sinks: [SinkBlock.perDayFile(output)], state: .object(["type": .string("file"), "path": .string(folder.file("state.json"))]),
                accessKeySecret: "not-the-secret"
            ).write(to: folder.file("pipeline.json"))
            let run = try SluiceProcess(["run", folder.file("pipeline.json")], in: folder.path)
            // Gong refuses the first call of every window at once (401): the run must end, not hang.
            do {
                try await waitUntil(timeout: .seconds(30)) { !run.isRunning } else: { "the run did not end: \(run.errorsSoFar)" }
            } catch {
                run.send(SIGKILL)
                throw error
            }
            let result = await run.finish()
            #expect(result.status == 1, "\(result.errors)")
            #expect(result.errors.contains("Gong refused the access key"), "\(result.errors)")
            #expect(!result.errors.contains("not-the-secret"))
            #expect(folder.lines("out/days.ndjson").isEmpty)
            #expect(emulator.counters.responsesByStatus[401, default: 0] > 0)
        }
    }
}
