import SluiceCore
@testable import SluicePostgres
import SluiceTestKit
import Testing

/// A table locked by another session never makes a load wait without bound: the window (or the
/// table's setup) fails after the sink's lockTimeout naming the table, and cancelling the task
/// cancels the waiting statement on the server, so that no backend stays queued behind the lock.
@Suite struct LockTimeoutTests {
    typealias F = Fixtures

    /// Another session's transaction holding `mode` on `table` until ``release()``.
    struct TableLock {
        let connection: PostgresConnection

        init(_ table: QualifiedName, mode: String = "ACCESS EXCLUSIVE", database: TestDatabase) async throws {
            connection = PostgresConnection(settings: database.settings)
            try await connection.run { link in
                try link.execute("BEGIN")
                try link.execute("LOCK TABLE \(table.sql) IN \(mode) MODE")
            }
        }

        func release() async {
            await connection.runIfConnected { link in link.rollback() }
            await connection.close()
        }
    }

    /// Sessions waiting for a lock on `table`.
    func waiters(on table: QualifiedName, in database: TestDatabase) async throws -> String? {
        try await database.scalar("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = to_regclass($1)", [table.sql])
    }

    /// Loads a row of `user` into `sink` as `window`, expecting a lock time-out that names the table.
    func expectLockTimeout(_ sink: PostgresSink, user: String, window: Window, in database: TestDatabase) async -> SluiceError? {
        let error = await #expect(throws: SluiceError.self) {
            try await database.load(sink, [RecordBatch(schema: F.daily, rows: [F.daily(user, "2024-01-02", 2)])], window: window)
        }
        #expect(error?.code == .lockTimeout)
        #expect(error?.context("table") == sink.table.description)
        return error
    }

    @Test(arguments: LoadMode.allCases)
    func aLockedTableFailsTheWindowAfterLockTimeoutNamingIt(mode: LoadMode) async throws {
        let database = try await TestDatabase.make()
        let table = database.table("daily")
        let sink = PostgresSink(settings: database.settings, table: table, key: ["user_id", "day"], mode: mode, lockTimeout: 1)
        let first = RecordBatch(schema: F.daily, rows: [F.daily("u1", "2024-01-01", 1)])
        try await database.load(sink, [first], window: F.window("2024-01-01", "2024-01-02"))
        let lock = try await TableLock(table, database: database)
        let started = ContinuousClock.now
        let error = await expectLockTimeout(sink, user: "u2", window: F.window("2024-01-02", "2024-01-03"), in: database)
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(error?.context("sqlstate") == "55P03")
        #expect(error?.context("window") == "2024-01-02..2024-01-03")
        await lock.release()
        #expect(try await database.scalar("SELECT count(*) FROM \(table.sql)") == "1")
        try await database.drop()
    }

    @Test func aLockedTableFailsItsSetupAfterLockTimeoutNamingIt() async throws {
        let database = try await TestDatabase.make()
        let table = database.table("daily")
        // The table lacks a column of the input: the setup must ALTER it, which needs the lock.
        try await database.execute("CREATE TABLE \(table.sql) (user_id text, day date, calls bigint)")
        let lock = try await TableLock(table, database: database)
        let sink = PostgresSink(settings: database.settings, table: table, lockTimeout: 1)
        _ = await expectLockTimeout(sink, user: "u1", window: .whole, in: database)
        await lock.release()
        try await database.drop()
    }

    @Test func cancellingALoadThatWaitsForALockCancelsItsStatementOnTheServer() async throws {
        let database = try await TestDatabase.make()
        let table = database.table("daily")
        try await database.execute("CREATE TABLE \(table.sql) (user_id text, day date, calls bigint, note text)")
        let lock = try await TableLock(table, database: database)
        let sink = PostgresSink(settings: database.settings, table: table, lockTimeout: 600)
        let load = Task {
            try await database.load(sink, [RecordBatch(schema: F.daily, rows: [F.daily("u1", "2024-01-01", 1)])], window: .whole)
        }
        try await waitUntil { try await waiters(on: table, in: database) == "1" }
        let cancelled = ContinuousClock.now
        load.cancel()
        await #expect(throws: CancellationError.self) { _ = try await load.value }
        #expect(ContinuousClock.now - cancelled < .seconds(5))
        #expect(try await waiters(on: table, in: database) == "0", "the statement still waits on the server")
        await lock.release()
        try await database.drop()
    }
}
