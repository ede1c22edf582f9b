import Foundation
import Logging
import SluiceCore
@testable import SluicePostgres
import Testing

/// The PostgreSQL server of the tests (from PGHOST, PGPORT, PGUSER, PGDATABASE, which
/// `scripts/test` exports after starting a throwaway cluster), with a schema of the test's own.
struct TestDatabase {
    let settings: PostgresConnectionSettings
    /// A schema unique to this test, so tests stay independent.
    let schema: String
    private let connection: PostgresConnection

    /// Connects and creates a fresh schema; fails the test when the PG* variables are missing.
    /// - Parameter conninfo: libpq settings on top of the PG* variables (`dbname=...`).
    static func make(schema prefix: String = "t", conninfo: String? = nil) async throws -> TestDatabase {
        let environment = ProcessInfo.processInfo.environment
        let missing = ["PGHOST", "PGPORT", "PGUSER", "PGDATABASE"].filter { environment[$0] == nil }
        try #require(
            missing.isEmpty,
            "PostgreSQL tests need \(missing.joined(separator: ", ")): run scripts/test, which starts a throwaway server"
        )
        let settings = try PostgresConnectionSettings(conninfo: conninfo)
        let schema = prefix + "_" + UUID().uuidString.prefix(8).lowercased()
        let database = TestDatabase(settings: settings, schema: schema, connection: PostgresConnection(settings: settings))
        try await database.execute("CREATE SCHEMA \(schema.quotedIdentifier)")
        return database
    }

    /// `schema.name` in the test's schema.
    func table(_ name: String) -> QualifiedName {
        QualifiedName(schema: schema, name: name)
    }

    /// Runs statements (`;`-separated text is fine without parameters), reconnecting when needed.
    func execute(_ sql: String, _ parameters: [String?] = []) async throws {
        try await connection.runRetrying { link in _ = try link.execute(sql, parameters) }
    }

    /// The rows of a query, each cell as PostgreSQL's text (nil for NULL), reconnecting when needed.
    func query(_ sql: String, _ parameters: [String?] = []) async throws -> [[String?]] {
        try await connection.runRetrying { link in
            let result = try link.execute(sql, parameters)
            return (0..<result.rowCount).map { row in (0..<result.columnCount).map { result.value(row: row, column: $0) } }
        }
    }

    /// The single value of a query.
    func scalar(_ sql: String, _ parameters: [String?] = []) async throws -> String? {
        try await query(sql, parameters).first?.first ?? nil
    }

    /// Every row of `table`, ordered by all columns, as text.
    func dump(_ table: QualifiedName) async throws -> [[String?]] {
        try await query("SELECT * FROM \(table.sql) ORDER BY 1, 2, 3")
    }

    /// Drops the test's schema and closes the connection.
    func drop() async throws {
        try await execute("DROP SCHEMA \(schema.quotedIdentifier) CASCADE")
        await connection.close()
    }

    /// A run context for sinks, with `state` as the pipeline's store.
    func context(state: any StateStore, scope: ScopeFilter? = nil) -> RunContext {
        RunContext(pipeline: "test", logger: Logger(label: "sluice.tests"), state: state, metrics: RunMetrics(), scope: scope)
    }

    /// A state store of its own in the test's schema.
    func stateStore() -> PostgresStateStore {
        PostgresStateStore(settings: settings, schema: schema)
    }

    /// Opens `sink`, loads `batches` as `window`, commits it with `store` as checkpoint store, and closes.
    /// - Returns: the rows the sink merged by key.
    @discardableResult
    func load(
        _ sink: PostgresSink, _ batches: [RecordBatch], window: Window, store: (any StateStore)? = nil,
        scope: ScopeFilter? = nil
    ) async throws -> Int {
        let state = store ?? stateStore()
        let schema = try #require(batches.first?.schema)
        let session = try await sink.open(input: schema, context: context(state: state, scope: scope))
        let merged: Int
        do {
            let writer = try await session.begin(window)
            do {
                for batch in batches { try await writer.write(batch) }
                try await writer.commit(Checkpoint(pipeline: "test", sink: sink.identity, window: window, store: state))
                merged = writer.rowsMergedByKey
            } catch {
                await writer.rollback()
                throw error
            }
        } catch {
            try await session.close()
            throw error
        }
        try await session.close()
        return merged
    }
}
