import Logging
import SluiceCore
@testable import SluicePostgres
import Testing

/// Server errors carry SQLSTATE, table and column; connection errors never show the password;
/// lost connections roll the window back and the next window reconnects.
@Suite struct FailureTests {
    typealias F = Fixtures

    @Test func aConstraintErrorCarriesSQLStateTableAndColumn() async throws {
        let database = try await TestDatabase.make()
        let table = database.table("daily")
        try await database.execute("CREATE TABLE \(table.sql) (user_id text, day date, calls bigint, note text NOT NULL)")
        let sink = PostgresSink(settings: database.settings, table: table)
        let rows = [F.daily("u1", "2024-01-01", 1), [.string("u2"), .date(F.date("2024-01-01")), .int(2), .null]]
        let error = await #expect(throws: SluiceError.self) {
            try await database.load(sink, [RecordBatch(schema: F.daily, rows: rows)], window: .whole)
        }
        #expect(error?.code == .database)
        #expect(error?.context("sqlstate") == "23502")
        #expect(error?.context("table") == "daily")
        #expect(error?.context("column") == "note")
        #expect(error?.context("window") == "all")
        #expect(try await database.scalar("SELECT count(*) FROM \(table.sql)") == "0")
        try await database.drop()
    }

    @Test func aDuplicateKeyInReplaceModeFailsWithTheConstraint() async throws {
        let database = try await TestDatabase.make()
        let sink = PostgresSink(settings: database.settings, table: database.table("daily"), key: ["user_id", "day"], mode: .replace)
        let rows = [F.daily("u1", "2024-01-01", 1), F.daily("u1", "2024-01-01", 2)]
        let error = await #expect(throws: SluiceError.self) {
            try await database.load(sink, [RecordBatch(schema: F.daily, rows: rows)], window: F.window("2024-01-01", "2024-01-02"))
        }
        #expect(error?.context("sqlstate") == "23505")
        #expect(error?.context("constraint") == "daily_pkey")
        try await database.drop()
    }

    @Test(arguments: [
        "postgres://someone:s3cr%65t-pw@127.0.0.1:1/warehouse?connect_timeout=2",
        "host=127.0.0.1 port=1 dbname=warehouse user=someone password=s3cret-pw connect_timeout=2",
    ])
    func connectionErrorsNameTheServerButNeverThePassword(url: String) async throws {
        let settings = try PostgresConnectionSettings(conninfo: url)
        #expect(!settings.location.contains("s3cr"))
        #expect(settings.location == "postgres://someone@127.0.0.1:1/warehouse")
        let sink = PostgresSink(settings: settings, table: QualifiedName(schema: "public", name: "t"))
        let store = PostgresStateStore(settings: settings)
        for printed in ["\(sink)", String(reflecting: sink), "\(settings)", String(reflecting: store)] {
            #expect(!printed.contains("s3cr"))
        }
        let error = await #expect(throws: SluiceError.self) {
            try await sink.open(input: F.daily, context: RunContext(
                pipeline: "test", logger: .init(label: "test"), state: store, metrics: RunMetrics()
            ))
        }
        let text = try #require(error).description
        #expect(error?.code == .databaseConnection)
        #expect(!text.contains("s3cr"))
        // libpq's "Connection refused\n\tIs the server running...", on one line.
        #expect(error.map { !$0.message.contains("\n") && $0.message.contains("; Is the server running") } == true, "\(text)")
        #expect(error?.context("host") == "127.0.0.1")
        #expect(error?.context("port") == "1")
        #expect(error?.context("database") == "warehouse")
        #expect(error?.context("user") == "someone")
        #expect(!store.location.contains("s3cr"))
    }

    @Test func anInvalidURLIsReportedWithoutThePassword() {
        #expect {
            _ = try PostgresConnectionSettings(conninfo: "postgres://u:top%zzsecret@host/db")
        } throws: { error in
            let text = "\(error)"
            return (error as? SluiceError)?.code == .databaseConnection && !text.contains("top%zzsecret")
        }
    }

    /// Ends every connection to `database`'s own database but the caller's, as a server restart would.
    static func dropConnections(_ database: TestDatabase) async throws {
        try await database.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    }

    @Test func aConnectionLostMidWindowRollsBackAndLaterWindowsReconnect() async throws {
        // A database of its own, so that dropping its connections leaves the other tests alone.
        let server = try await TestDatabase.make()
        let name = "sluice_" + server.schema
        try await server.execute("CREATE DATABASE \(name.quotedIdentifier)")
        let database = try await TestDatabase.make(conninfo: "dbname=\(name)")
        let sink = PostgresSink(settings: database.settings, table: database.table("daily"), key: ["user_id", "day"], mode: .upsert)
        let store = database.stateStore()
        let session = try await sink.open(input: F.daily, context: database.context(state: store))
        let window = F.window("2024-01-01", "2024-01-02")
        let writer = try await session.begin(window)
        try await writer.write(RecordBatch(schema: F.daily, rows: [F.daily("u1", "2024-01-01", 1)]))
        try await Self.dropConnections(database)
        let error = await #expect(throws: SluiceError.self) {
            try await writer.write(RecordBatch(schema: F.daily, rows: (0..<20000).map { F.daily("u\($0)", "2024-01-01", 1) }))
            try await writer.commit(Checkpoint(pipeline: "test", sink: sink.identity, window: window, store: store))
        }
        #expect(error?.code == .databaseConnection)
        await writer.rollback()
        #expect(try await database.scalar("SELECT count(*) FROM \(sink.table.sql)") == "0")

        // A pooled connection that the server dropped between windows is replaced on begin.
        let retry = try await session.begin(window)
        try await retry.write(RecordBatch(schema: F.daily, rows: [F.daily("u1", "2024-01-01", 1)]))
        try await retry.commit(Checkpoint(pipeline: "test", sink: sink.identity, window: window, store: store))
        // Downtime, as during a server restart: connections are dropped and refused for a while;
        // the next window's begin reconnects with back-off.
        try await server.execute("ALTER DATABASE \(name.quotedIdentifier) ALLOW_CONNECTIONS false")
        try await Self.dropConnections(database)
        let reopen = Task {
            try await Task.sleep(for: .milliseconds(700))
            try await server.execute("ALTER DATABASE \(name.quotedIdentifier) ALLOW_CONNECTIONS true")
        }
        let next = F.window("2024-01-02", "2024-01-03")
        let writer3 = try await session.begin(next)
        try await reopen.value
        try await writer3.write(RecordBatch(schema: F.daily, rows: [F.daily("u1", "2024-01-02", 1)]))
        try await writer3.commit(Checkpoint(pipeline: "test", sink: sink.identity, window: next, store: store))
        try await session.close()
        #expect(try await database.scalar("SELECT count(*) FROM \(sink.table.sql)") == "2")
        #expect(try await store.committedWindows(pipeline: "test")[sink.identity] == [window, next])
        try await database.drop()
        try await server.execute("DROP DATABASE \(name.quotedIdentifier) WITH (FORCE)")
        try await server.drop()
    }
}
