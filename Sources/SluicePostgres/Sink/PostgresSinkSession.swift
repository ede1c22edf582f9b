import Logging
import SluiceCore
import Synchronization

/// A postgres sink opened for one run: the table is ready, and each window loads on a
/// connection of its own from the session's pool.
final class PostgresSinkSession: SinkSession {
    let sink: PostgresSink
    let input: Schema
    let statements: LoadStatements
    let scope: ScopeFilter?
    let logger: Logger
    let pool: ConnectionPool
    /// Upsert only: set once a window needed the merge, after which windows skip the plain insert.
    var mergesOnly: Bool {
        get { mergeNeeded.load(ordering: .relaxed) }
        set { mergeNeeded.store(newValue, ordering: .relaxed) }
    }
    private let mergeNeeded = Atomic(false)

    private init(sink: PostgresSink, input: Schema, scope: ScopeFilter?, logger: Logger) {
        self.sink = sink
        self.input = input
        self.scope = sink.mode == .replace ? scope : nil
        self.logger = logger
        statements = LoadStatements(table: sink.table, key: sink.key, mode: sink.mode, input: input)
        pool = ConnectionPool(settings: sink.settings)
    }

    /// Prepares the table on a first connection and returns the session.
    static func open(sink: PostgresSink, input: Schema, context: RunContext) async throws -> PostgresSinkSession {
        let session = PostgresSinkSession(sink: sink, input: input, scope: context.scope, logger: context.logger)
        if let scope = session.scope, input.index(of: scope.field) == nil {
            throw SluiceError(
                .badRecord, "the source is limited to some \(scope.field) values, but the sink's input has no \(scope.field) column",
                context: [("table", sink.table.description)],
                hint: "replace mode deletes only the rows inside the source's scope; keep that column"
            )
        }
        let connection = session.pool.acquire()
        let setup = TableSetup(table: sink.table, input: input, key: sink.key)
        do {
            let logger = session.logger
            let lockTimeout = sink.lockTimeout
            _ = try await connection.runRetrying { link in try setup.run(on: link, lockTimeout: lockTimeout, logger: logger) }
            await session.pool.release(connection)
            logger.debug("postgres table ready", metadata: ["table": "\(sink.table)", "database": "\(sink.settings.location)"])
        } catch {
            await connection.close()
            throw (error as? SluiceError)?.namingLockedTable(sink.table, waited: sink.lockTimeout) ?? error
        }
        return session
    }

    func begin(_ window: Window) async throws -> any WindowWriter {
        try await PostgresWindowWriter.begin(window, session: self)
    }

    func close() async throws {
        await pool.close()
    }
}
