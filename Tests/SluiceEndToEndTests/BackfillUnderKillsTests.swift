import Foundation
import GongEmulator
import SluiceCore
import SluicePluginTesting
import SluiceTestKit
import Testing

/// A year's backfill, SIGKILLed at random moments and rerun until it finishes, leaves exactly the
/// ground truth in every sink: no row lost, none twice, and a state that agrees.
///
/// The emulator answers 500 to about 5% of the calls and 429 beyond 25 calls a second (the
/// source allows itself 40); two faults are queued so that both happen whatever the timing.
@Suite struct BackfillUnderKillsTests {
    static let range = DateRange(from: CalendarDate("2025-01-01")!, to: CalendarDate("2026-01-01")!)
    static let windowDays = 30
    /// The windows the backfill cuts the year into (13: twelve of 30 days and one of 5).
    static var windows: [DateRange] { range.split(every: windowDays) }

    static let seeds: [String: UInt64] = ["append": 11, "upsert": 12, "replace": 13, "ndjson": 14]

    /// `sluice backfill PIPELINE --from ... --to ...`.
    static func backfill(_ path: String) -> [String] {
        ["backfill", path, "--from", range.from.description, "--to", range.to.description]
    }

    @Test(arguments: ["append", "upsert", "replace"])
    func postgresTablesEqualTheGroundTruthAfterKills(mode: String) async throws {
        try Psql.requireServer()
        let seed = try #require(Self.seeds[mode])
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let schema = "e2e_\(mode)_\(suffix)", name = "e2e-\(mode)-\(suffix)"
        let (perDay, perCall) = ("\(schema).user_daily_activity", "\(schema).user_call_activity")
        let folder = try TemporaryFolder()
        defer { folder.remove() }

        try await withEmulator(EmulatorHarness.faulty(seed: seed)) { emulator in
            emulator.inject([.rateLimited(retryAfter: 1), .status(500)])
            let pipeline = GongPipelineFile(
                name: name, emulator: emulator, fromDate: Self.range.from, toDate: Self.range.to, windowDays: Self.windowDays,
                sinks: [SinkBlock.perDayTable(perDay, mode: mode), SinkBlock.perCallTable(perCall, mode: mode)]
            )
            try pipeline.write(to: folder.file("pipeline.json"))
            let outcome = try await KillingLoop(arguments: Self.backfill(folder.file("pipeline.json")), folder: folder.path, seed: seed) {
                // A killed run's advisory lock goes when the server sees its connection end.
                try await waitUntil { try await Psql.runLockIsFree(pipeline: name) }
            }.run()
            try #require(outcome.succeeded, "no run finished: \(outcome.summary)")
            #expect(outcome.killsAfterACommit > 0, "no run was killed after committing a window: \(outcome.summary)")
            #expect(emulator.counters.rateLimited > 0)
            #expect(emulator.counters.responsesByStatus[500, default: 0] > 0)

            let days = RowDifference(
                actual: try await WarehouseRows.perDay(table: perDay), expected: WarehouseRows.expectedPerDay(emulator, windows: Self.windows)
            )
            #expect(days.isEmpty, "\(perDay): \(days) \(outcome.summary)")
            let calls = RowDifference(
                actual: try await WarehouseRows.perCall(table: perCall), expected: WarehouseRows.expectedPerCall(emulator, windows: Self.windows)
            )
            #expect(calls.isEmpty, "\(perCall): \(calls) \(outcome.summary)")

            // The state: every window committed by both sinks, in sluice_state and as `sluice state show` tells it.
            let committed = try await Psql.rows(
                "SELECT sink, window_key FROM sluice.sluice_state WHERE pipeline = \(Psql.literal(name))"
            ).sorted()
            let expected = ["postgres:\(perCall)", "postgres:\(perDay)"].flatMap { sink in Self.windows.map { "\(sink)\t\($0)" } }.sorted()
            #expect(committed == expected)
            try await Self.expectStateShowsEveryWindow(folder: folder, sinks: ["postgres:\(perDay)", "postgres:\(perCall)"])
        }
        try await Psql.execute("DROP SCHEMA \(schema) CASCADE; DELETE FROM sluice.sluice_state WHERE pipeline = \(Psql.literal(name))")
    }

    @Test func ndjsonFilesEqualTheGroundTruthAfterKills() async throws {
        let seed = try #require(Self.seeds["ndjson"])
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (perDay, perCall) = (folder.file("out/user_daily_activity.ndjson"), folder.file("out/user_call_activity.ndjson"))

        try await withEmulator(EmulatorHarness.faulty(seed: seed)) { emulator in
            emulator.inject([.rateLimited(retryAfter: 1), .status(500)])
            let pipeline = GongPipelineFile(
                name: "e2e-ndjson", emulator: emulator, fromDate: Self.range.from, toDate: Self.range.to, windowDays: Self.windowDays,
                sinks: [SinkBlock.perDayFile(perDay), SinkBlock.perCallFile(perCall)],
                state: .object(["type": .string("file"), "path": .string(folder.file("state/state.json"))])
            )
            try pipeline.write(to: folder.file("pipeline.json"))
            let outcome = try await KillingLoop(arguments: Self.backfill(folder.file("pipeline.json")), folder: folder.path, seed: seed).run()
            try #require(outcome.succeeded, "no run finished: \(outcome.summary)")
            #expect(outcome.killsAfterACommit > 0, "no run was killed after committing a window: \(outcome.summary)")
            #expect(emulator.counters.rateLimited > 0)
            #expect(emulator.counters.responsesByStatus[500, default: 0] > 0)

            let days = RowDifference(actual: try WarehouseRows.perDay(file: perDay), expected: WarehouseRows.expectedPerDay(emulator, windows: Self.windows))
            #expect(days.isEmpty, "per-day file: \(days) \(outcome.summary)")
            let calls = RowDifference(
                actual: try WarehouseRows.perCall(file: perCall), expected: WarehouseRows.expectedPerCall(emulator, windows: Self.windows)
            )
            #expect(calls.isEmpty, "per-call file: \(calls) \(outcome.summary)")
            // No spool or journal of a killed run is left next to the files.
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.file("out")).filter { $0.contains(".sluice-") }
            #expect(leftovers.isEmpty)

            // The state file: every window committed by both sinks.
            let state = try JSONParser.parse(try String(contentsOfFile: folder.file("state/state.json"), encoding: .utf8))
            let sinks = try #require(state["pipelines"]?["e2e-ndjson"].flatMap { if case .object(let sinks) = $0 { sinks } else { nil } })
            #expect(Set(sinks.keys) == [perDay, perCall])
            for (sink, keys) in sinks.members {
                #expect(keys.arrayOrEmpty?.compactMap(\.digitsOrText).sorted() == Self.windows.map(\.description).sorted(), "\(sink)")
            }
            try await Self.expectStateShowsEveryWindow(folder: folder, sinks: [perDay, perCall])
        }
    }

    /// `sluice state show` reports the whole range committed by each of `sinks`, and by all.
    static func expectStateShowsEveryWindow(folder: TemporaryFolder, sinks: [String]) async throws {
        let shown = try await SluiceProcess.run(["state", "show", folder.file("pipeline.json")], in: folder.path)
        #expect(shown.status == 0, "\(shown.errors)")
        for sink in sinks {
            #expect(shown.output.contains(" \(sink): \(range.dayCount) days committed: \(range)\n"), "\(shown.output)")
        }
        #expect(shown.output.contains("done by every resuming sink: \(range)\n"), "\(shown.output)")
    }
}
