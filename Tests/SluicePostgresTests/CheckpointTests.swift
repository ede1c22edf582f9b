import Foundation
import SluiceCore
@testable import SluicePostgres
import Testing

/// A window's checkpoint commits with its data, or not at all.
@Suite struct CheckpointTests {
    typealias F = Fixtures

    /// A trigger that fails every transaction at COMMIT, after the data and the checkpoint were written.
    static func failAtCommit(_ table: QualifiedName, in database: TestDatabase) async throws {
        try await database.execute(
            """
            CREATE FUNCTION \(database.schema.quotedIdentifier).refuse() RETURNS trigger LANGUAGE plpgsql
            AS $$ BEGIN RAISE EXCEPTION 'refused at commit' USING ERRCODE = 'P0001'; END $$
            """
        )
        try await database.execute(
            """
            CREATE CONSTRAINT TRIGGER refuse AFTER INSERT ON \(table.sql) DEFERRABLE INITIALLY DEFERRED
            FOR EACH ROW EXECUTE FUNCTION \(database.schema.quotedIdentifier).refuse()
            """
        )
    }

    @Test func theCheckpointIsWrittenInTheWindowsTransaction() async throws {
        let database = try await TestDatabase.make()
        let sink = PostgresSink(settings: database.settings, table: database.table("daily"), key: ["user_id", "day"])
        let store = database.stateStore()
        let window = F.window("2024-01-01", "2024-01-02")
        try await database.load(sink, [RecordBatch(schema: F.daily, rows: [F.daily("u1", "2024-01-01", 1)])], window: window, store: store)
        #expect(try await store.committedWindows(pipeline: "test") == [sink.identity: [window]])

        try await Self.failAtCommit(sink.table, in: database)
        let later = F.window("2024-01-02", "2024-01-03")
        let error = await #expect(throws: SluiceError.self) {
            try await database.load(
                sink, [RecordBatch(schema: F.daily, rows: [F.daily("u1", "2024-01-02", 1)])], window: later, store: store
            )
        }
        #expect(error?.code == .database)
        #expect(error?.context("sqlstate") == "P0001")
        #expect(error?.context("window") == later.key)
        #expect(try await store.committedWindows(pipeline: "test") == [sink.identity: [window]])
        #expect(try await database.scalar("SELECT count(*) FROM \(sink.table.sql)") == "1")
        try await database.drop()
    }

    @Test func aStoreOfAnotherDatabaseIsWrittenAfterTheCommit() async throws {
        let database = try await TestDatabase.make()
        let environment = ProcessInfo.processInfo.environment
        let elsewhere = try PostgresConnectionSettings(
            conninfo: "host=\(environment["PGHOST"]!) port=\(environment["PGPORT"]!) user=\(environment["PGUSER"]!) dbname=\(environment["PGDATABASE"]!)"
        )
        #expect(elsewhere != database.settings)
        let store = PostgresStateStore(settings: elsewhere, schema: database.schema)
        let sink = PostgresSink(settings: database.settings, table: database.table("daily"))
        let window = F.window("2024-01-01", "2024-01-02")
        try await database.load(sink, [RecordBatch(schema: F.daily, rows: [F.daily("u1", "2024-01-01", 1)])], window: window, store: store)
        #expect(try await store.committedWindows(pipeline: "test") == [sink.identity: [window]])
        try await database.drop()
    }
}
