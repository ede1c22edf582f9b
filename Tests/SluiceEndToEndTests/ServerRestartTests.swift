import Foundation
import GongEmulator
import SluiceCore
import SluiceTestKit
import Testing

/// PostgreSQL restarted twice in the middle of a backfill: the run either finishes or fails with a
/// clear error, and in both cases each table holds exactly the windows its state records, never
/// part of one. The tables have no key (`append`), so a window loaded twice would show.
@Suite struct ServerRestartTests {
    static let range = DateRange(from: CalendarDate("2025-03-01")!, to: CalendarDate("2025-06-01")!)
    static let windowDays = 7
    /// The restarts come once this many windows are committed (both sinks counted).
    static let restartAfterCommits = [3, 8]

    @Test func aBackfillAcrossServerRestartsKeepsWholeWindowsOnly() async throws {
        let server = try await ScratchServer.start()
        let folder = try TemporaryFolder()
        do {
            try await withEmulator(EmulatorHarness.faulty(seed: 21, ratePerSecond: nil, errorRate: 0, latencyMilliseconds: 120)) { emulator in
                try await Self.backfillAcrossRestarts(server: server, folder: folder, emulator: emulator)
            }
        } catch {
            await server.stop()
            folder.remove()
            throw error
        }
        await server.stop()
        folder.remove()
    }

    static func backfillAcrossRestarts(server: ScratchServer, folder: TemporaryFolder, emulator: GongEmulator) async throws {
        let (perDay, perCall) = ("warehouse.user_daily_activity", "warehouse.user_call_activity")
        let pipeline = GongPipelineFile(
            name: "restarts", emulator: emulator, fromDate: range.from, toDate: range.to, windowDays: windowDays,
            sinks: [SinkBlock.perDayTable(perDay, mode: "append"), SinkBlock.perCallTable(perCall, mode: "append")]
        )
        try pipeline.write(to: folder.file("pipeline.json"))
        let backfill = ["backfill", folder.file("pipeline.json"), "--from", range.from.description, "--to", range.to.description]

        let run = try SluiceProcess(backfill, in: folder.path, environment: server.environment)
        var restarts = 0
        for commits in restartAfterCommits {
            try await waitUntil { !run.isRunning || KillingLoop.commits(in: run.errorsSoFar) >= commits }
            guard run.isRunning else { break }
            try await server.restart()
            restarts += 1
        }
        let result = await run.finish()
        try #require(restarts == restartAfterCommits.count, "the run ended before the restarts: \(result.errors)")

        // A finished run, or a clear failure that names the lost connection and the window.
        let failedClearly = result.status == 1 && result.errors.contains("lost the connection to PostgreSQL")
            && result.errors.contains("window")
        #expect(result.status == 0 || failedClearly, "status \(result.status): \(result.errors)")
        // The restarts cut windows off mid-load: the run rolled them back and loaded them again (or failed).
        #expect(result.errors.contains("window failed, trying it again") || failedClearly, "\(result.errors)")
        try await expectWholeWindows(server: server, emulator: emulator, tables: [(perDay, false), (perCall, true)])

        // A rerun completes what a failed run left; then every window is there, once.
        let rerun = try await SluiceProcess.run(backfill, in: folder.path, environment: server.environment)
        #expect(rerun.status == 0, "\(rerun.errors)")
        let all = range.split(every: windowDays)
        for table in [perDay, perCall] {
            let committed = try await committedWindows(of: table, server: server)
            #expect(committed == Set(all), "\(table)")
        }
        try await expectWholeWindows(server: server, emulator: emulator, tables: [(perDay, false), (perCall, true)])
    }

    /// Each table holds exactly the rows of the windows `sluice_state` records for its sink.
    static func expectWholeWindows(server: ScratchServer, emulator: GongEmulator, tables: [(String, Bool)]) async throws {
        for (table, perCalls) in tables {
            let windows = try await committedWindows(of: table, server: server).sorted { $0.from < $1.from }
            let difference = perCalls
                ? RowDifference(
                    actual: try await WarehouseRows.perCall(table: table, environment: server.environment),
                    expected: WarehouseRows.expectedPerCall(emulator, windows: windows)
                )
                : RowDifference(
                    actual: try await WarehouseRows.perDay(table: table, environment: server.environment),
                    expected: WarehouseRows.expectedPerDay(emulator, windows: windows)
                )
            #expect(difference.isEmpty, "\(table) against its \(windows.count) committed windows: \(difference)")
        }
    }

    /// The windows the postgres sink of `table` committed, as `sluice_state` records them.
    static func committedWindows(of table: String, server: ScratchServer) async throws -> Set<DateRange> {
        let keys = try await Psql.rows(
            "SELECT window_key FROM sluice.sluice_state WHERE pipeline = 'restarts' AND sink = \(Psql.literal("postgres:" + table))",
            environment: server.environment
        )
        return Set(keys.compactMap { Window(key: $0)?.days })
    }
}
