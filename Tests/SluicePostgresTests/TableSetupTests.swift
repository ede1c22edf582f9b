import SluiceCore
@testable import SluicePostgres
import Testing

/// Tables are created when missing, existing ones are checked, and any identifier works.
@Suite struct TableSetupTests {
    typealias F = Fixtures

    @Test func oddIdentifiersAreQuotedEverywhere() async throws {
        let database = try await TestDatabase.make(schema: "we\"ird schema")
        let table = database.table("we\"ird; drop")
        let schema = Schema([Field("user \"id\"", .text), Field("day", .date), Field("Select", .int)])
        let sink = PostgresSink(settings: database.settings, table: table, key: ["user \"id\"", "day"], mode: .upsert)
        let window = F.window("2024-01-01", "2024-01-02")
        let batch = RecordBatch(schema: schema, rows: [[.string("u1"), .date(F.date("2024-01-01")), .int(1)]])
        try await database.load(sink, [batch], window: window)
        try await database.load(sink, [batch], window: window)
        let replace = PostgresSink(settings: database.settings, table: table, key: ["user \"id\"", "day"], mode: .replace)
        try await database.load(replace, [batch], window: window, scope: ScopeFilter(field: "user \"id\"", values: ["u1"]))
        #expect(try await database.query("SELECT * FROM \(table.sql)") == [["u1", "2024-01-01", "1"]])
        try await database.drop()
    }

    @Test func missingColumnsAreAddedAndNoneDropped() async throws {
        let database = try await TestDatabase.make()
        let table = database.table("daily")
        try await database.execute("CREATE TABLE \(table.sql) (user_id text, day date, extra text DEFAULT 'kept', PRIMARY KEY (user_id, day))")
        let sink = PostgresSink(settings: database.settings, table: table, key: ["user_id", "day"], mode: .upsert)
        try await database.load(sink, [RecordBatch(schema: F.daily, rows: [F.daily("u1", "2024-01-01", 4, "n")])], window: .whole)
        let columns = try await database.query(
            "SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'daily' ORDER BY ordinal_position",
            [database.schema]
        )
        #expect(columns.compactMap { $0[0] } == ["user_id", "day", "extra", "calls", "note"])
        #expect(columns[3] == ["calls", "bigint", "YES"])
        #expect(try await database.query("SELECT extra, calls::text FROM \(table.sql)") == [["kept", "4"]])
        try await database.drop()
    }

    @Test func anIncompatibleColumnTypeFailsBeforeLoading() async throws {
        let database = try await TestDatabase.make()
        let table = database.table("daily")
        try await database.execute("CREATE TABLE \(table.sql) (user_id text, day integer, PRIMARY KEY (user_id, day))")
        let sink = PostgresSink(settings: database.settings, table: table, key: ["user_id", "day"], mode: .upsert)
        let error = await #expect(throws: SluiceError.self) {
            try await sink.open(input: F.daily, context: database.context(state: database.stateStore()))
        }
        #expect(error?.code == .tableMismatch)
        #expect(error?.context("column") == "day")
        #expect(error?.message.contains("integer") == true)
        #expect(try await database.scalar(
            "SELECT count(*) FROM information_schema.columns WHERE table_schema = $1 AND column_name = 'calls'", [database.schema]
        ) == "0")
        try await database.drop()
    }

    @Test func aMissingKeyConstraintFailsBeforeLoading() async throws {
        let database = try await TestDatabase.make()
        let table = database.table("daily")
        try await database.execute("CREATE TABLE \(table.sql) (user_id text, day date, UNIQUE (user_id))")
        let sink = PostgresSink(settings: database.settings, table: table, key: ["user_id", "day"], mode: .upsert)
        let error = await #expect(throws: SluiceError.self) {
            try await sink.open(input: F.daily, context: database.context(state: database.stateStore()))
        }
        #expect(error?.code == .tableMismatch)
        #expect(error?.hint?.contains("PRIMARY KEY") == true)
        try await database.execute("CREATE UNIQUE INDEX ON \(table.sql) (day, user_id)")
        _ = try await sink.open(input: F.daily, context: database.context(state: database.stateStore()))
        try await database.drop()
    }
}
