import Foundation
import GongEmulator
import SluiceCore
import SluicePluginTesting
import SluiceTestKit
import Testing

/// `sluice run` after a backfill asks Gong only for the look-back and the new days.
@Suite struct IncrementalRunTests {
    @Test func anIncrementalRunAfterABackfillAsksOnlyForTheLookBackAndTheNewDays() async throws {
        try Psql.requireServer()
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let schema = "e2e_incremental_\(suffix)", name = "e2e-incremental-\(suffix)"
        let (perDay, perCall) = ("\(schema).user_daily_activity", "\(schema).user_call_activity")
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("pipeline.json")
        let start = CalendarDate("2025-01-01")!
        let backfilled = DateRange(from: start, to: CalendarDate("2025-01-29")!)
        let newEnd = CalendarDate("2025-02-12")!
        let lookbackDays = 3

        // No faults: every call is one page, so the calls can be counted exactly.
        try await withEmulator(EmulatorHarness.faulty(seed: 21, ratePerSecond: nil, errorRate: 0)) { emulator in
            var pipeline = GongPipelineFile(
                name: name, emulator: emulator, fromDate: start, toDate: backfilled.to, windowDays: 7, lookbackDays: lookbackDays,
                sinks: [SinkBlock.perDayTable(perDay, mode: "upsert"), SinkBlock.perCallTable(perCall, mode: "replace")]
            )
            try pipeline.write(to: path)
            let backfill = try await SluiceProcess.run(
                ["backfill", path, "--from", backfilled.from.description, "--to", backfilled.to.description], in: folder.path
            )
            try #require(backfill.status == 0, "\(backfill.errors)")
            let backfillWindows = backfilled.split(every: 7)
            #expect(Set(emulator.counters.requestsByRange.keys) == Set(backfillWindows))

            // Days pass: the file's toDate moves on two weeks, and an incremental run follows.
            let before = emulator.counters
            pipeline.toDate = newEnd
            try pipeline.write(to: path)
            let run = try await SluiceProcess.run(["run", path], in: folder.path)
            try #require(run.status == 0, "\(run.errors)")
            let after = emulator.counters

            // From the last done day minus the look-back to the new end, in windows of 7 days.
            let reread = DateRange(from: backfilled.to.adding(days: -lookbackDays), to: newEnd)
            let runWindows = reread.split(every: 7)
            var asked: [DateRange: Int] = [:]
            for (range, count) in after.requestsByRange where count > before.requestsByRange[range, default: 0] {
                asked[range] = count - before.requestsByRange[range, default: 0]
            }
            #expect(Set(asked.keys) == Set(runWindows))
            #expect(asked.keys.map(\.from).min() == reread.from)
            #expect(asked.keys.map(\.to).max() == reread.to)
            for window in runWindows {
                #expect(asked[window] == emulator.pages(of: window), "calls for \(window)")
            }
            #expect(after.requests - before.requests == runWindows.map(emulator.pages(of:)).reduce(0, +))

            // The tables hold the ground truth of every day read, the re-read days once.
            let everyWindow = backfillWindows + runWindows
            let days = RowDifference(
                actual: try await WarehouseRows.perDay(table: perDay), expected: WarehouseRows.expectedPerDay(emulator, windows: everyWindow)
            )
            #expect(days.isEmpty, "\(perDay): \(days)")
            let calls = RowDifference(
                actual: try await WarehouseRows.perCall(table: perCall), expected: WarehouseRows.expectedPerCall(emulator, windows: everyWindow)
            )
            #expect(calls.isEmpty, "\(perCall): \(calls)")
        }
        try await Psql.execute("DROP SCHEMA \(schema) CASCADE; DELETE FROM sluice.sluice_state WHERE pipeline = \(Psql.literal(name))")
    }
}
