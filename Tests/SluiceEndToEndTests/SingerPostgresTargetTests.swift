import Foundation
import GongEmulator
import SluiceCore
import SluicePluginTesting
import SluiceTestKit
import Testing

/// Gong -> flatten.perDay -> the real `target-postgres` (MeltanoLabs, from PyPI) into the test
/// server: a target that dies mid-window, or ends after loading part of it, fails the run without
/// committing the window, and a rerun leaves exactly the ground truth (key_properties make the
/// target upsert the rows it loaded twice).
@Suite struct SingerPostgresTargetTests {
    static let range = DateRange(from: CalendarDate("2025-01-01")!, to: CalendarDate("2025-03-01")!)
    static let windows = range.split(every: 30)
    /// Lines of a window the target gets before it fails: the SCHEMA and 39 records.
    static let linesBeforeFailing = 40

    /// `SINGER_KILL_AFTER`: the target is SIGKILLed; `SINGER_CUT_AFTER`: its input ends early, so it
    /// loads 39 records of the window and exits with status 0 but no STATE to echo.
    @Test(arguments: ["SINGER_KILL_AFTER", "SINGER_CUT_AFTER"])
    func aTargetFailingMidWindowCommitsNothingAndARerunLoadsExactlyTheGroundTruth(failure: String) async throws {
        try Psql.requireServer()
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let wrapper = try SingerTargets.failingWrapper(in: folder)
        let target = try SingerTargets.program("target-postgres")
        let port = try #require(ProcessInfo.processInfo.environment["PGPORT"].flatMap { Int64($0) })
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let schema = "singer_\(suffix)", name = "singer-postgres-\(suffix)", table = "\(schema).user_daily_activity"
        let password = "pg-password-\(suffix)"
        let path = folder.file("pipeline.json"), stateFile = folder.file("state.json")
        let sinkIdentity = "singer:failing-target:user_daily_activity"

        try await withEmulator(EmulatorHarness.faulty(seed: 31, ratePerSecond: nil, errorRate: 0)) { emulator in
            let config: ValueObject = [
                "host": .string("${PGHOST}"), "port": .int(port), "user": .string("${PGUSER}"), "database": .string("${PGDATABASE}"),
                "password": .string("${SINGER_TEST_PASSWORD}"), "default_target_schema": .string(schema),
                // Small batches: a target SIGKILLed mid-window may have loaded part of it.
                "batch_size_rows": .int(10),
            ]
            try GongPipelineFile(
                name: name, emulator: emulator, fromDate: Self.range.from, toDate: Self.range.to, windowDays: 30, lookbackDays: 0,
                sinks: [SingerTargets.perDaySink(command: [wrapper, target], config: config)],
                state: .object(["type": .string("file"), "path": .string(stateFile)])
            ).write(to: path)
            let backfill = ["backfill", path, "--from", Self.range.from.description, "--to", Self.range.to.description, "--log-format", "json"]
            let expected = WarehouseRows.expectedPerDay(emulator, windows: Self.windows)
            #expect(expected.count > 2 * Self.linesBeforeFailing)

            // The target fails after 40 lines of a window: the run fails, naming it, and commits nothing.
            let failed = try await SluiceProcess(
                backfill, in: folder.path, environment: [failure: "\(Self.linesBeforeFailing)", "SINGER_TEST_PASSWORD": password]
            ).finish(within: .seconds(300))
            #expect(failed.status == 1, "\(failed.errors)")
            #expect(["singer_target", "singer_no_state_echo"].contains(failed.errorCode), "\(failed.errors)")
            #expect(failed.errors.contains("the Singer target \(wrapper)"), "\(failed.errors)")
            #expect(failed.errors.contains("the window is not committed"), "\(failed.errors)")
            #expect(try SingerTargets.committedWindows(stateFile: stateFile, pipeline: name)[sinkIdentity, default: []].isEmpty)
            // What the target loaded before it failed is part of the ground truth; a target whose
            // input was cut loaded exactly the 39 records of each window it was sent.
            let partial = try await Psql.scalar("SELECT to_regclass('\(table)') IS NOT NULL") == "t"
                ? try await WarehouseRows.perDay(table: table) : []
            #expect(Set(partial).isSubset(of: Set(expected)))
            if failure == "SINGER_CUT_AFTER" {
                #expect(!partial.isEmpty && partial.count % (Self.linesBeforeFailing - 1) == 0, "\(partial.count) rows loaded")
            }

            // The rerun sends both windows again, to new target processes, and commits them.
            let rerun = try await SluiceProcess(backfill, in: folder.path, environment: ["SINGER_TEST_PASSWORD": password])
                .finish(within: .seconds(300))
            try #require(rerun.status == 0, "\(rerun.errors)")
            #expect(try SingerTargets.committedWindows(stateFile: stateFile, pipeline: name)[sinkIdentity] == Self.windows.map(\.description).sorted())
            // The target's stderr reached the log, line by line; the password never did.
            #expect(rerun.errors.contains("completed processing"), "\(rerun.errors)")
            #expect(!(failed.errors + rerun.errors).contains(password))

            let days = RowDifference(actual: try await WarehouseRows.perDay(table: table), expected: expected)
            #expect(days.isEmpty, "\(days)")
        }
        try await Psql.execute("DROP SCHEMA \(schema) CASCADE")
    }
}
