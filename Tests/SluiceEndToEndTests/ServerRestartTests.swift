import Foundation
import GongEmulator
import SluiceCore
import SluicePluginTesting
import SluiceTestKit
import Testing

/// PostgreSQL restarted, or gone, in the middle of a backfill: the run either finishes or fails
/// with a clear error, and in both cases each table holds exactly the windows its state records,
/// never part of one; a rerun then completes the range. The tables have no key (`append`), so a
/// window loaded twice would show.
@Suite struct ServerRestartTests {
    static let range = DateRange(from: CalendarDate("2025-03-01")!, to: CalendarDate("2025-06-01")!)
    static let windowDays = 7
    static let (perDay, perCall) = ("warehouse.user_daily_activity", "warehouse.user_call_activity")

    @Test func aBackfillAcrossRestartsFinishesWithWholeWindowsOnly() async throws {
        try await Self.withBackfill { server, emulator, run in
            // A restart after 3 windows, and another after 7 unless a slow machine let the run end first.
            var restarts = 0
            for commits in [3, 7] {
                try await waitUntil { !run.isRunning || KillingLoop.commits(in: run.errorsSoFar) >= commits }
                guard run.isRunning else { break }
                try await server.restart()
                restarts += 1
            }
            let result = await run.finish()
            try #require(restarts > 0, "the run ended before the first restart: \(result.errors)")
            // The restarts cut windows off mid-load; the run rolled them back and loaded them again.
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.errors.contains("window failed, trying it again"), "\(result.errors)")
            try await Self.expectWholeWindows(server: server, emulator: emulator)
            // The summary counts what was committed: a window tried again counts once.
            for table in [Self.perDay, Self.perCall] {
                let rows = try await Psql.rows("SELECT count(*) FROM \(table)", environment: server.environment)
                #expect(result.errors.contains("rows[postgres:\(table)]=\(rows.first ?? "?")"), "\(table) holds \(rows): \(result.errors)")
            }
        }
    }

    @Test func aServerGoneLongerThanTheRetriesEndsTheRunWithAClearFailure() async throws {
        try await Self.withBackfill { server, emulator, run in
            try await waitUntil { !run.isRunning || KillingLoop.commits(in: run.errorsSoFar) >= 3 }
            try #require(run.isRunning, "the run ended before the server went away: \(run.errorsSoFar)")
            try await server.shutDown()
            let result = await run.finish()
            #expect(result.status == 1, "\(result.errors)")
            let failure = result.errors.split(separator: "\n").last.map(String.init) ?? ""
            #expect(failure.contains("PostgreSQL") && failure.contains("127.0.0.1") && failure.contains("window 2025-"), "\(result.errors)")
            #expect(result.errors.contains("the windows committed are kept, and the same command resumes"), "\(result.errors)")
            #expect(result.errors.contains("window failed, trying it again"), "\(result.errors)")
            try await server.startAgain()
            try await Self.expectWholeWindows(server: server, emulator: emulator)
        }
    }

    /// Starts a backfill of ``range`` into the per-day and per-call tables of a server of its own,
    /// hands the running process to `body`, and then checks that a rerun completes the range.
    static func withBackfill(_ body: (ScratchServer, GongEmulator, SluiceProcess) async throws -> Void) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try await ScratchServer.with { server in
            let configuration = EmulatorHarness.faulty(seed: 21, ratePerSecond: nil, errorRate: 0, latencyMilliseconds: 200)
            try await withEmulator(configuration) { emulator in
                let pipeline = GongPipelineFile(
                    name: "restarts", emulator: emulator, fromDate: range.from, toDate: range.to, windowDays: windowDays,
                    sinks: [SinkBlock.perDayTable(perDay, mode: "append"), SinkBlock.perCallTable(perCall, mode: "append")]
                )
                try pipeline.write(to: folder.file("pipeline.json"))
                let backfill = ["backfill", folder.file("pipeline.json"), "--from", range.from.description, "--to", range.to.description]
                let run = try SluiceProcess(backfill, in: folder.path, environment: server.environment)
                do {
                    try await body(server, emulator, run)
                } catch {
                    // A failed check leaves no run behind, retrying against a server about to go.
                    run.send(SIGKILL)
                    _ = await run.finish()
                    throw error
                }

                let rerun = try await SluiceProcess.run(backfill, in: folder.path, environment: server.environment)
                #expect(rerun.status == 0, "\(rerun.errors)")
                for table in [perDay, perCall] {
                    #expect(try await committedWindows(of: table, server: server) == Set(range.split(every: windowDays)), "\(table)")
                }
                try await expectWholeWindows(server: server, emulator: emulator)
            }
        }
    }

    /// Each table holds exactly the rows of the windows `sluice_state` records for its sink.
    static func expectWholeWindows(server: ScratchServer, emulator: GongEmulator) async throws {
        let days = try await committedWindows(of: perDay, server: server).sorted { $0.from < $1.from }
        let dayRows = RowDifference(
            actual: try await WarehouseRows.perDay(table: perDay, environment: server.environment),
            expected: WarehouseRows.expectedPerDay(emulator, windows: days)
        )
        #expect(dayRows.isEmpty, "\(perDay) against its \(days.count) committed windows: \(dayRows)")
        let calls = try await committedWindows(of: perCall, server: server).sorted { $0.from < $1.from }
        let callRows = RowDifference(
            actual: try await WarehouseRows.perCall(table: perCall, environment: server.environment),
            expected: WarehouseRows.expectedPerCall(emulator, windows: calls)
        )
        #expect(callRows.isEmpty, "\(perCall) against its \(calls.count) committed windows: \(callRows)")
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
