import SluiceCore
@testable import SluicePostgres
import Testing

/// append, upsert and replace give the expected tables, and reruns of a window change nothing.
@Suite struct LoadModeTests {
    typealias F = Fixtures

    static func batch(_ rows: [[Value]]) -> RecordBatch {
        RecordBatch(schema: F.daily, rows: rows)
    }

    @Test func appendAddsEveryRow() async throws {
        let database = try await TestDatabase.make()
        let sink = PostgresSink(settings: database.settings, table: database.table("daily"))
        let rows = [F.daily("u1", "2024-01-01", 1), F.daily("u1", "2024-01-01", 1)]
        try await database.load(sink, [Self.batch(rows)], window: F.window("2024-01-01", "2024-01-02"))
        try await database.load(sink, [Self.batch(rows)], window: F.window("2024-01-01", "2024-01-02"))
        #expect(try await database.scalar("SELECT count(*) FROM \(sink.table.sql)") == "4")
        try await database.drop()
    }

    @Test func upsertKeepsTheLastRowPerKeyAndRerunsAreIdempotent() async throws {
        let database = try await TestDatabase.make()
        let sink = PostgresSink(settings: database.settings, table: database.table("daily"), key: ["user_id", "day"], mode: .upsert)
        let window = F.window("2024-01-01", "2024-01-03")
        // The same key twice in a batch and again in a later batch: the last one wins, no "affect row a second time".
        let batches = [
            Self.batch([F.daily("u1", "2024-01-01", 1, "first"), F.daily("u2", "2024-01-01", 5), F.daily("u1", "2024-01-01", 2, "second")]),
            Self.batch([F.daily("u1", "2024-01-01", 3, "last"), F.daily("u1", "2024-01-02", 7)]),
        ]
        // Five rows, three keys: two rows were merged into others, and the run is told.
        #expect(try await database.load(sink, batches, window: window) == 2)
        let first = try await database.dump(sink.table)
        #expect(first == [
            ["u1", "2024-01-01", "3", "last"], ["u1", "2024-01-02", "7", ""], ["u2", "2024-01-01", "5", ""],
        ])
        // The rows' versions (xmin): a rerun with the same values rewrites none of them.
        let versions = "SELECT user_id, day::text, xmin::text FROM \(sink.table.sql) ORDER BY 1, 2"
        let firstVersions = try await database.query(versions)
        #expect(try await database.load(sink, batches, window: window) == 2)
        #expect(try await database.dump(sink.table) == first)
        #expect(try await database.query(versions) == firstVersions)
        #expect(try await database.load(sink, [Self.batch([F.daily("u2", "2024-01-01", 6, "changed")])], window: window) == 0)
        #expect(try await database.dump(sink.table) == [
            ["u1", "2024-01-01", "3", "last"], ["u1", "2024-01-02", "7", ""], ["u2", "2024-01-01", "6", "changed"],
        ])
        let changed = try await database.query(versions)
        #expect(changed.prefix(2) == firstVersions.prefix(2) && changed[2] != firstVersions[2])
        #expect(try await database.scalar("SELECT count(*) FROM pg_class WHERE relname = 'sluice_staging'") == "0")
        try await database.drop()
    }

    @Test func upsertOfNewKeysThenOfKeysPartlyKnownGivesTheMergedTable() async throws {
        let database = try await TestDatabase.make()
        let sink = PostgresSink(settings: database.settings, table: database.table("daily"), key: ["user_id", "day"], mode: .upsert)
        // Every key new and once: the plain insert.
        let window = F.window("2024-01-01", "2024-01-03")
        try await database.load(sink, [Self.batch([F.daily("u1", "2024-01-01", 1), F.daily("u2", "2024-01-01", 2)])], window: window)
        // New keys first, a known one last: the plain insert fails at its last row and the window
        // is merged instead, with nothing of the failed insert left.
        let later = [F.daily("u3", "2024-01-02", 3), F.daily("u4", "2024-01-02", 4), F.daily("u2", "2024-01-01", 20, "updated")]
        try await database.load(sink, [Self.batch(later)], window: window)
        #expect(try await database.dump(sink.table) == [
            ["u1", "2024-01-01", "1", ""], ["u2", "2024-01-01", "20", "updated"], ["u3", "2024-01-02", "3", ""],
            ["u4", "2024-01-02", "4", ""],
        ])
        try await database.drop()
    }

    @Test func upsertMergesIntoAJSONColumnOfTypeJSON() async throws {
        // json has no equality operator: the merge compares it as text, so a new spelling of the
        // same value (key order, spaces) is stored too.
        let database = try await TestDatabase.make()
        let table = database.table("docs")
        try await database.execute("CREATE TABLE \(table.sql) (id text PRIMARY KEY, doc json)")
        let sink = PostgresSink(settings: database.settings, table: table, key: ["id"], mode: .upsert)
        let schema = Schema([Field("id", .text), Field("doc", .json)])
        let document = { (n: Int64) in RecordBatch(schema: schema, rows: [[.string("a"), .object(ValueObject(["n": .int(n)]))]]) }
        for n in [1, 1, 2] as [Int64] {
            try await database.load(sink, [document(n)], window: .whole)
        }
        #expect(try await database.query("SELECT id, doc::text FROM \(table.sql)") == [["a", #"{"n":2}"#]])
        try await database.execute(#"UPDATE \#(table.sql) SET doc = '{ "n" : 2 }'"#)
        try await database.load(sink, [document(2)], window: .whole)
        #expect(try await database.query("SELECT id, doc::text FROM \(table.sql)") == [["a", #"{"n":2}"#]])
        try await database.drop()
    }

    @Test func upsertReportsAUniqueViolationOfAnotherIndex() async throws {
        let database = try await TestDatabase.make()
        let sink = PostgresSink(settings: database.settings, table: database.table("daily"), key: ["user_id", "day"], mode: .upsert)
        try await database.load(sink, [Self.batch([F.daily("u1", "2024-01-01", 1, "a")])], window: F.window("2024-01-01", "2024-01-02"))
        try await database.execute("CREATE UNIQUE INDEX daily_note ON \(sink.table.sql) (note)")
        let error = await #expect(throws: SluiceError.self) {
            try await database.load(sink, [Self.batch([F.daily("u2", "2024-01-01", 2, "a")])], window: F.window("2024-01-01", "2024-01-02"))
        }
        #expect(error?.context("sqlstate") == "23505")
        #expect(error?.context("constraint") == "daily_note")
        #expect(try await database.dump(sink.table) == [["u1", "2024-01-01", "1", "a"]])
        try await database.drop()
    }

    @Test func replaceDeletesTheWindowsDaysOnly() async throws {
        let database = try await TestDatabase.make()
        let sink = PostgresSink(settings: database.settings, table: database.table("daily"), key: ["user_id", "day"], mode: .replace)
        let everything = [
            F.daily("u1", "2023-12-31", 1), F.daily("u1", "2024-01-01", 2), F.daily("u2", "2024-01-02", 3),
            F.daily("u1", "2024-01-03", 4),
        ]
        try await database.load(sink, [Self.batch(everything)], window: F.window("2023-12-31", "2024-01-04"))
        // A re-read of 2024-01-01..2024-01-03 where u2's row vanished and u1's changed.
        let reread = F.window("2024-01-01", "2024-01-03")
        try await database.load(sink, [Self.batch([F.daily("u1", "2024-01-01", 20)])], window: reread)
        let expected: [[String?]] = [["u1", "2023-12-31", "1", ""], ["u1", "2024-01-01", "20", ""], ["u1", "2024-01-03", "4", ""]]
        #expect(try await database.dump(sink.table) == expected)
        try await database.load(sink, [Self.batch([F.daily("u1", "2024-01-01", 20)])], window: reread)
        #expect(try await database.dump(sink.table) == expected)
        try await database.drop()
    }

    @Test func replaceWithAScopeDeletesOnlyTheScopedRows() async throws {
        let database = try await TestDatabase.make()
        let sink = PostgresSink(settings: database.settings, table: database.table("daily"), key: ["user_id", "day"], mode: .replace)
        let window = F.window("2024-01-01", "2024-01-02")
        let rows = [F.daily("u1", "2024-01-01", 1), F.daily("u2", "2024-01-01", 2), F.daily("u3", "2024-01-01", 3)]
        try await database.load(sink, [Self.batch(rows)], window: window)
        let scope = ScopeFilter(field: "user_id", values: ["u1", "u2"])
        try await database.load(sink, [Self.batch([F.daily("u2", "2024-01-01", 22)])], window: window, scope: scope)
        #expect(try await database.dump(sink.table) == [["u2", "2024-01-01", "22", ""], ["u3", "2024-01-01", "3", ""]])
        try await database.drop()
    }

    @Test func replaceNeedsTheScopeColumn() async throws {
        let database = try await TestDatabase.make()
        let sink = PostgresSink(settings: database.settings, table: database.table("daily"), key: ["user_id", "day"], mode: .replace)
        let scope = ScopeFilter(field: "owner", values: ["u1"])
        await #expect(throws: SluiceError.self) {
            try await sink.open(input: F.daily, context: database.context(state: database.stateStore(), scope: scope))
        }
        try await database.drop()
    }

    @Test(arguments: LoadMode.allCases)
    func aRolledBackWindowLeavesNothing(mode: LoadMode) async throws {
        let database = try await TestDatabase.make()
        let sink = PostgresSink(settings: database.settings, table: database.table("daily"), key: ["user_id", "day"], mode: mode)
        let window = F.window("2024-01-01", "2024-01-02")
        try await database.load(sink, [Self.batch([F.daily("u1", "2024-01-01", 1)])], window: window)
        let before = try await database.dump(sink.table)
        let store = database.stateStore()
        let session = try await sink.open(input: F.daily, context: database.context(state: store))
        let writer = try await session.begin(F.window("2024-01-01", "2024-01-03"))
        try await writer.write(Self.batch([F.daily("u1", "2024-01-02", 9), F.daily("u9", "2024-01-01", 9)]))
        await writer.rollback()
        try await session.close()
        #expect(try await database.dump(sink.table) == before)
        #expect(try await store.committedWindows(pipeline: "test") == [sink.identity: [window]])
        #expect(try await database.scalar("SELECT count(*) FROM pg_class WHERE relname = 'sluice_staging'") == "0")
        try await database.drop()
    }

    @Test func windowsLoadConcurrentlyWithCheckpointsInTheirTransactions() async throws {
        let database = try await TestDatabase.make()
        let sink = PostgresSink(settings: database.settings, table: database.table("daily"), key: ["user_id", "day"], mode: .upsert)
        let store = database.stateStore()
        let session = try await sink.open(input: F.daily, context: database.context(state: store))
        let days = (0..<6).map { F.date("2024-01-01").adding(days: $0) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for day in days {
                group.addTask {
                    let window = Window(days: DateRange(from: day, to: day.adding(days: 1)))
                    let writer = try await session.begin(window)
                    let rows = (0..<500).map { F.daily("u\($0)", day.description, Int64($0)) }
                    try await writer.write(Self.batch(rows))
                    try await writer.commit(Checkpoint(pipeline: "test", sink: sink.identity, window: window, store: store))
                }
            }
            try await group.waitForAll()
        }
        try await session.close()
        #expect(try await database.scalar("SELECT count(*) FROM \(sink.table.sql)") == "3000")
        #expect(try await store.committedWindows(pipeline: "test")[sink.identity]?.count == 6)
        try await database.drop()
    }
}
