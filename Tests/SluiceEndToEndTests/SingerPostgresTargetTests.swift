import Foundation
import GongEmulator
import SluiceCore
import SluiceTestKit
import Testing

/// Gong -> flatten.perDay -> the real `target-postgres` (MeltanoLabs, from PyPI) into the test
/// server: a target SIGKILLed mid-window fails the run without committing the window, and a rerun
/// leaves exactly the ground truth (key_properties make the target upsert what it loaded twice).
@Suite struct SingerPostgresTargetTests {
    static let range = DateRange(from: CalendarDate("2025-01-01")!, to: CalendarDate("2025-03-01")!)
    static let windows = range.split(every: 30)

    @Test func aKilledTargetFailsTheRunAndARerunLoadsExactlyTheGroundTruth() async throws {
        try Psql.requireServer()
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let wrapper = try SingerTargets.killingWrapper(in: folder)
        let target = try SingerTargets.program("target-postgres")
        let environment = ProcessInfo.processInfo.environment
        let port = try #require(environment["PGPORT"].flatMap { Int64($0) })
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let schema = "singer_\(suffix)", name = "singer-postgres-\(suffix)"
        let password = "pg-password-\(suffix)"
        let path = folder.file("pipeline.json"), stateFile = folder.file("state.json")
        let sinkIdentity = "singer:kill-target-after:user_daily_activity"

        try await withEmulator(EmulatorHarness.faulty(seed: 31, ratePerSecond: nil, errorRate: 0)) { emulator in
            let config: ValueObject = [
                "host": .string("${PGHOST}"), "port": .int(port), "user": .string("${PGUSER}"), "database": .string("${PGDATABASE}"),
                "password": .string("${SINGER_TEST_PASSWORD}"), "default_target_schema": .string(schema),
                // Small batches: the target loads part of a window before it is killed.
                "batch_size_rows": .int(10),
            ]
            try GongPipelineFile(
                name: name, emulator: emulator, fromDate: Self.range.from, toDate: Self.range.to, windowDays: 30, lookbackDays: 0,
                sinks: [SingerTargets.perDaySink(command: [wrapper, target], config: config)],
                state: .object(["type": .string("file"), "path": .string(stateFile)])
            ).write(to: path)
            let backfill = ["backfill", path, "--from", Self.range.from.description, "--to", Self.range.to.description, "--log-format", "json"]

            // The target dies after 40 lines of each window: the run fails, naming it, and commits nothing.
            let killed = try await SluiceProcess(
                backfill, in: folder.path, environment: ["SINGER_KILL_AFTER": "40", "SINGER_TEST_PASSWORD": password]
            ).finish(within: .seconds(300))
            #expect(killed.status == 1, "\(killed.errors)")
            #expect(killed.errorCode == "singer_target", "\(killed.errors)")
            #expect(killed.errors.contains("the Singer target \(wrapper)"), "\(killed.errors)")
            #expect(killed.errors.contains("stderr"), "no hint pointing at the target's stderr: \(killed.errors)")
            #expect(try SingerTargets.committedWindows(stateFile: stateFile, pipeline: name)[sinkIdentity, default: []].isEmpty)

            // The rerun sends both windows again, to new target processes, and commits them.
            let rerun = try await SluiceProcess(backfill, in: folder.path, environment: ["SINGER_TEST_PASSWORD": password])
                .finish(within: .seconds(300))
            try #require(rerun.status == 0, "\(rerun.errors)")
            #expect(try SingerTargets.committedWindows(stateFile: stateFile, pipeline: name)[sinkIdentity] == Self.windows.map(\.description).sorted())
            // The target's stderr reached the log, line by line; the password never did.
            #expect(rerun.errors.contains("completed processing"), "\(rerun.errors)")
            #expect(!(killed.errors + rerun.errors).contains(password))

            let expected = WarehouseRows.expectedPerDay(emulator, windows: Self.windows)
            #expect(!expected.isEmpty)
            let days = RowDifference(actual: try await WarehouseRows.perDay(table: "\(schema).user_daily_activity"), expected: expected)
            #expect(days.isEmpty, "\(days)")
        }
        try await Psql.execute("DROP SCHEMA \(schema) CASCADE")
    }
}
