import Foundation
import GongEmulator
import GongModel
import SluiceCore
import SluicePluginTesting
import SluiceTestKit
import SluiceTransforms
import Testing

/// `sluice plan` after a partial backfill: what is left to do, what it costs, the schemas and the
/// DDL, without calling the API or writing anything.
@Suite struct PlanTests {
    @Test func planShowsWindowsCallsSchemasAndDDLWithoutCallingOrWriting() async throws {
        try Psql.requireServer()
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let schema = "e2e_plan_\(suffix)", name = "e2e-plan-\(suffix)"
        let table = "\(schema).user_daily_activity", stateSchema = "e2e_plan_state_\(suffix)"
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("pipeline.json"), archive = folder.file("archive/raw.ndjson")
        let range = DateRange(from: CalendarDate("2025-01-01")!, to: CalendarDate("2025-03-01")!)

        try await withEmulator(EmulatorHarness.faulty(seed: 31, ratePerSecond: nil, errorRate: 0)) { emulator in
            let pipeline = GongPipelineFile(
                name: name, emulator: emulator, fromDate: range.from, toDate: range.to, windowDays: 14,
                sinks: [SinkBlock.perDayTable(table, mode: "upsert"), SinkBlock.rawFile(archive)],
                state: .object(["type": .string("postgres"), "schema": .string(stateSchema)])
            )
            try pipeline.write(to: path)
            let budget = "gong:127.0.0.1:\(emulator.port)"

            // On a fresh database the plan creates nothing: neither the table nor the state tables.
            let fresh = try await SluiceProcess.run(["plan", path, "--from", "2025-01-01", "--to", "2025-03-01"], in: folder.path)
            #expect(fresh.status == 0, "\(fresh.errors)")
            #expect(fresh.output.contains("windows: 5 to run, 0 done, of 5 (2025-01-01..2025-03-01)\n"), "\(fresh.output)")
            #expect(emulator.counters.requests == 0)
            let schemas = try await Psql.rows(
                "SELECT nspname FROM pg_namespace WHERE nspname IN (\(Psql.literal(schema)), \(Psql.literal(stateSchema)))"
            )
            #expect(schemas.isEmpty, "the plan created \(schemas)")
            #expect(!FileManager.default.fileExists(atPath: archive))

            // A partial backfill: the first two windows of 14 days.
            let backfill = try await SluiceProcess.run(["backfill", path, "--from", "2025-01-01", "--to", "2025-01-29"], in: folder.path)
            try #require(backfill.status == 0, "\(backfill.errors)")
            let before = try await Snapshot(emulator: emulator, table: table, state: stateSchema, archive: archive, budget: budget)
            try #require(before.rows > 0 && !before.archive.isEmpty && before.commits.count == 4 && before.usage.count == 1)

            // Without a range, the plan is that of `sluice run`: from the last done day minus the
            // look-back (7 days) to toDate.
            let incremental = try await SluiceProcess.run(["plan", path], in: folder.path)
            #expect(incremental.status == 0, "\(incremental.errors)")
            #expect(incremental.output.contains("\nwindows: 3 to run, 0 done, of 3 (2025-01-22..2025-03-01)\n"), "\(incremental.output)")
            // The look-back days go to the upsert table only: the archive appends, and has them.
            #expect(incremental.output.contains(
                "\n  run  2025-01-22..2025-02-05: 2025-01-22..2025-01-29 -> postgres:\(table); 2025-01-29..2025-02-05 -> every sink\n"
            ), "\(incremental.output)")

            // Over the file's whole range: the two windows done, three to run.
            let plan = try await SluiceProcess.run(["plan", path, "--from", "2025-01-01", "--to", "2025-03-01"], in: folder.path)
            #expect(plan.status == 0, "\(plan.errors)")
            let lines = plan.output.split(separator: "\n").map(String.init)

            #expect(lines.first?.hasPrefix("pipeline \(name): source gong.activity, 2 sinks, state in postgres://") == true)
            #expect(lines.contains("windows: 3 to run, 2 done, of 5 (2025-01-01..2025-03-01)"))
            let windowLines = lines.filter { $0.hasPrefix("  done ") || $0.hasPrefix("  run ") }
            #expect(windowLines == [
                "  done 2025-01-01..2025-01-15", "  done 2025-01-15..2025-01-29", "  run  2025-01-29..2025-02-12",
                "  run  2025-02-12..2025-02-26", "  run  2025-02-26..2025-03-01",
            ])
            // The calls of the backfill are counted against the day's quota.
            let left = 1_000_000 - before.calls.requests
            let callLine = lines.first { $0.hasPrefix("API calls: ") }
            #expect(callLine?.hasPrefix("API calls: at least 3 (one per window") == true, "\(plan.output)")
            #expect(callLine?.contains(" \(left) of 1000000 left on ") == true, "\(plan.output)")
            #expect(callLine?.hasSuffix("(\(budget))") == true, "\(plan.output)")

            // Each stage's schema, and the statements that create the table.
            let perDay = FlattenPerDayTransform().schema
            #expect(lines.contains("  source gong.activity: \(GongActivitySchema.raw)"))
            #expect(lines.contains("  sinks[0] postgres postgres:\(table) after flatten.perDay: \(perDay)"))
            #expect(lines.contains("  sinks[1] ndjson \(archive): \(GongActivitySchema.raw)"))
            let columns = perDay.fields.map { field in
                "\"\(field.name)\" " + ["text": "text", "date": "date", "timestamptz": "timestamp with time zone", "int": "bigint"][field.type.rawValue, default: "?"]
            }
            let createTable = "    CREATE TABLE IF NOT EXISTS \"\(schema)\".\"user_daily_activity\" ("
                + columns.joined(separator: ", ") + ", PRIMARY KEY (\"user_id\", \"day\"))"
            // Before the backfill, the plan showed the statements that create the table; the table
            // now exists, and the plan, reading the database as it is, shows none.
            #expect(fresh.output.contains("\n    CREATE SCHEMA IF NOT EXISTS \"\(schema)\"\n"), "\(fresh.output)")
            #expect(fresh.output.contains("\n" + createTable + "\n"), "\(fresh.output)")
            #expect(!lines.contains { $0.contains("CREATE") || $0.contains("ALTER") }, "\(plan.output)")
            // The DDL the plan shows is the table the backfill created.
            let created = try await Psql.rows("""
                SELECT column_name, data_type FROM information_schema.columns
                WHERE table_schema = \(Psql.literal(schema)) AND table_name = 'user_daily_activity' ORDER BY ordinal_position
                """)
            #expect(created.map { "\"" + $0.replacingOccurrences(of: "\t", with: "\" ") } == columns.map { $0 })

            // No call, no write.
            let after = try await Snapshot(emulator: emulator, table: table, state: stateSchema, archive: archive, budget: budget)
            #expect(after == before)

            // Turning on includeCallIds needs 15 columns more: the plan shows the real ALTERs, and the
            // run that adds them says so at notice level.
            var withIds = pipeline
            withIds.sinks[0] = .object([
                "type": .string("postgres"), "table": .string(table), "mode": .string("upsert"),
                "key": .array([.string("user_id"), .string("day")]),
                "transforms": .array([.object(["type": .string("flatten.perDay"), "includeCallIds": .bool(true)])]),
            ])
            try withIds.write(to: path)
            let alters = try await SluiceProcess.run(["plan", path, "--from", "2025-01-01", "--to", "2025-03-01"], in: folder.path)
            let alterLines = alters.output.split(separator: "\n").filter { $0.hasPrefix("    ALTER TABLE \"\(schema)\".\"user_daily_activity\" ADD COLUMN") }
            #expect(alterLines.count == 15, "\(alters.output)")
            #expect(alterLines.first?.hasSuffix("\"calls_as_host_ids\" text[]") == true, "\(alters.output)")
            let widened = try await SluiceProcess.run(
                ["backfill", path, "--from", "2025-01-29", "--to", "2025-02-05", "--log-format", "json"], in: folder.path
            )
            #expect(widened.status == 0, "\(widened.errors)")
            let notices = widened.errors.split(separator: "\n").filter { $0.contains(#""level":"notice""#) && $0.contains("ALTER TABLE") }
            #expect(notices.count == 15, "\(widened.errors)")
        }
        try await Psql.execute("DROP SCHEMA \(schema) CASCADE; DROP SCHEMA \(stateSchema) CASCADE")
    }

    /// Everything a run could change: the emulator's counters, the table, the archive, the state
    /// and the quota's usage.
    struct Snapshot: Equatable {
        let calls: GongEmulatorCounters
        let rows: Int
        let archive: Data
        let commits: [String]
        let usage: [String]

        init(emulator: GongEmulator, table: String, state: String, archive: String, budget: String) async throws {
            calls = emulator.counters
            rows = Int(try await Psql.scalar("SELECT count(*) FROM \(table)") ?? "") ?? -1
            self.archive = FileManager.default.contents(atPath: archive) ?? Data()
            commits = try await Psql.rows(
                "SELECT pipeline, sink, window_key, committed_at FROM \(state).sluice_state ORDER BY 1, 2, 3"
            )
            usage = try await Psql.rows("SELECT day, calls FROM \(state).sluice_usage WHERE budget = \(Psql.literal(budget)) ORDER BY 1")
        }
    }
}
