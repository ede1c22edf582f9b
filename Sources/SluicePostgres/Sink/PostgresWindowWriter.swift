import Logging
import SluiceCore

/// Loads one window in one transaction on one connection: `BEGIN` (and the mode's opening
/// statements) in ``begin(_:session:)``, a COPY fed in chunks by ``write(_:)``, `COMMIT` in
/// ``commit(_:)``.
final class PostgresWindowWriter: WindowWriter {
    /// Rows are sent to the server in chunks of about this many bytes.
    static let chunkSize = 256 * 1024

    private let session: PostgresSinkSession
    private let window: Window
    /// `nil` once the window is committed or rolled back.
    private var connection: PostgresConnection?
    private let buffer = CopyBuffer(capacity: chunkSize + 64 * 1024)
    /// The schema of the COPY in progress, and its encoder.
    private var copySchema: Schema?
    private var encoder: CopyEncoder?
    /// Every column loaded so far, in first-seen order (the upsert merges these).
    private var columns: [String] = []
    private var rowCount = 0

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
            try await connection.runRetrying { link in
                try link.execute("BEGIN")
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
        guard !batch.rows.isEmpty else { return }
        do {
            if copySchema != batch.schema { try await startCopy(batch.schema, on: connection) }
            guard var encoder else { return }
            defer { self.encoder = encoder }
            for row in batch.rows {
                encoder.encode(row, into: buffer)
                if buffer.count >= Self.chunkSize { try await send(on: connection) }
            }
            rowCount += batch.count
        } catch {
            await rollback()
            throw Self.locate(error, window: window, session: session)
        }
    }

    func commit(_ checkpoint: Checkpoint) async throws {
        guard let connection else { throw finished() }
        let store = (checkpoint.store as? PostgresStateStore).flatMap { $0.settings == session.sink.settings ? $0 : nil }
        do {
            try await store?.prepare()
            let buffer = buffer
            let copying = copySchema != nil
            let merge = copying ? session.statements.merge(columns: columns) : nil
            let record = store?.commitStatement(pipeline: checkpoint.pipeline, sink: checkpoint.sink, window: checkpoint.window)
            try await connection.run { link in
                if copying {
                    try link.putCopyData(buffer.bytes, count: buffer.count)
                    try link.endCopy()
                }
                if let merge { try link.execute(merge) }
                if let record { try link.execute(record.sql, record.parameters) }
                try link.execute("COMMIT")
            }
        } catch {
            await rollback()
            throw Self.locate(error, window: window, session: session)
        }
        self.connection = nil
        await session.pool.release(connection)
        session.logger.debug("postgres window committed", metadata: [
            "table": "\(session.sink.table)", "window": "\(window)", "rows": "\(rowCount)",
            "checkpoint": "\(store == nil ? "after commit" : "in transaction")",
        ])
        if store == nil { try await checkpoint.record() }
    }

    func rollback() async {
        guard let connection else { return }
        self.connection = nil
        let copying = copySchema != nil
        copySchema = nil
        buffer.removeAll()
        await connection.runIfConnected { link in
            if copying { try? link.endCopy(abort: "the window was rolled back") }
            link.rollback()
        }
        await session.pool.release(connection)
    }

    /// Ends the COPY in progress (if any) and starts one for `schema`'s columns.
    private func startCopy(_ schema: Schema, on connection: PostgresConnection) async throws {
        let buffer = buffer
        let ending = copySchema != nil
        let sql = session.statements.copy(columns: schema.names)
        try await connection.run { link in
            if ending {
                try link.putCopyData(buffer.bytes, count: buffer.count)
                try link.endCopy()
            }
            try link.execute(sql)
        }
        buffer.removeAll()
        copySchema = schema
        encoder = CopyEncoder(schema: schema)
        columns += schema.names.filter { !columns.contains($0) }
    }

    /// Sends the buffered rows and empties the buffer.
    private func send(on connection: PostgresConnection) async throws {
        let buffer = buffer
        try await connection.run { link in try link.putCopyData(buffer.bytes, count: buffer.count) }
        buffer.removeAll()
    }

    private func finished() -> SluiceError {
        SluiceError(.io, "the window \(window) was already committed or rolled back", context: [("table", session.sink.table.description)])
    }

    /// `error` with the window and table it happened in.
    private static func locate(_ error: any Error, window: Window, session: PostgresSinkSession) -> any Error {
        guard let error = error as? SluiceError else { return error }
        return error.adding("table", session.sink.table.description).adding("window", window.key)
    }
}
