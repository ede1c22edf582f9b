import Logging
import SluiceCore

/// Loads one window in one transaction on one connection: `BEGIN` (and the mode's opening
/// statements) in ``begin(_:session:)``, a COPY fed in chunks by ``write(_:)``, `COMMIT` in
/// ``commit(_:)``.
final class PostgresWindowWriter: WindowWriter {
    private let session: PostgresSinkSession
    private let window: Window
    /// `nil` once the window is committed or rolled back.
    private var connection: PostgresConnection?
    /// The COPY in progress, if any.
    private var copy: CopyStream?
    /// Every column loaded so far, in first-seen order (the upsert merges these).
    private var columns: [String] = []
    private var rowCount = 0
    private(set) var rowsMergedByKey = 0

    private init(window: Window, session: PostgresSinkSession, connection: PostgresConnection) {
        self.window = window
        self.session = session
        self.connection = connection
    }

    /// Opens the window's transaction on a pooled connection, reconnecting with back-off when the
    /// connection was lost (a server restart between windows, say).
    static func begin(_ window: Window, session: PostgresSinkSession) async throws -> PostgresWindowWriter {
        let connection = session.pool.acquire()
        let opening = session.statements.opening(window: window, scope: session.scope)
        do {
            let lockTimeout = session.sink.lockTimeout
            try await connection.runRetrying { link in
                try link.begin(lockTimeout: lockTimeout)
                do {
                    for statement in opening { try link.execute(statement.sql, statement.parameters) }
                } catch {
                    link.rollback()
                    throw error
                }
            }
        } catch {
            await session.pool.release(connection)
            throw locate(error, window: window, session: session)
        }
        return PostgresWindowWriter(window: window, session: session, connection: connection)
    }

    func write(_ batch: RecordBatch) async throws {
        guard let connection else { throw finished() }
        guard batch.count > 0 else { return }
        do {
            let stream = try await stream(for: batch.schema, on: connection)
            try await stream.write(batch)
            rowCount += batch.count
        } catch {
            await rollback()
            throw Self.locate(error, window: window, session: session)
        }
    }

    func commit(_ checkpoint: Checkpoint) async throws {
        guard let connection else { throw finished() }
        let store = session.sink.transactionalStore(checkpoint.store)
        do {
            try await store?.prepare()
            try await copy?.finish()
            let merge = copy == nil ? nil : session.statements.merge(columns: columns)
            copy = nil
            let record = store?.commitStatement(pipeline: checkpoint.pipeline, sink: checkpoint.sink, window: checkpoint.window)
            let insertFirst = !session.mergesOnly
            let keys = try await connection.run { link in
                let keys = try merge?.run(on: link, insertFirst: insertFirst)
                if let record { try link.execute(record.sql, record.parameters) }
                try link.execute("COMMIT")
                return keys
            }
            if let keys {
                session.mergesOnly = true
                rowsMergedByKey = rowCount - keys
            }
        } catch {
            await rollback()
            throw Self.locate(error, window: window, session: session)
        }
        self.connection = nil
        await session.pool.release(connection)
        session.logger.debug("postgres window committed", metadata: [
            "table": "\(session.sink.table)", "window": "\(window)", "rows": "\(rowCount)", "mergedByKey": "\(rowsMergedByKey)",
            "checkpoint": "\(store == nil ? "after commit" : "in transaction")",
        ])
        if store == nil { try await checkpoint.record() }
    }

    func rollback() async {
        guard let connection else { return }
        self.connection = nil
        await copy?.abort()
        copy = nil
        await connection.runIfConnected { link in link.rollback() }
        await session.pool.release(connection)
    }

    /// The COPY for rows of `schema`: the one in progress, or a new one after ending it.
    private func stream(for schema: Schema, on connection: PostgresConnection) async throws -> CopyStream {
        if let copy, copy.schema == schema { return copy }
        try await copy?.finish()
        copy = nil
        let started = try await CopyStream.start(session.statements.copy(columns: schema.names), schema: schema, on: connection)
        copy = started
        columns += schema.names.filter { !columns.contains($0) }
        return started
    }

    private func finished() -> SluiceError {
        SluiceError(.io, "the window \(window) was already committed or rolled back", context: [("table", session.sink.table.description)])
    }

    /// `error` with the window and table it happened in.
    private static func locate(_ error: any Error, window: Window, session: PostgresSinkSession) -> any Error {
        guard let error = error as? SluiceError else { return error }
        return error.namingLockedTable(session.sink.table, waited: session.sink.lockTimeout)
            .adding("table", session.sink.table.description).adding("window", window.key)
    }
}
