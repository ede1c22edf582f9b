import SluiceCore

/// One `COPY ... FROM STDIN` in progress on a connection.
///
/// Rows are encoded into one buffer while the other buffer is being sent (on the connection's
/// queue), in chunks of about ``chunkSize`` bytes: memory stays flat however large the window,
/// and encoding overlaps with the network and the server.
final class CopyStream {
    /// Rows are sent to the server in chunks of about this many bytes.
    static let chunkSize = 256 * 1024

    /// The schema of the rows; its field names are the COPY's columns.
    let schema: Schema
    private let connection: PostgresConnection
    private var encoder: CopyEncoder
    private var filling = CopyBuffer(capacity: chunkSize + 64 * 1024)
    private var spare = CopyBuffer(capacity: chunkSize + 64 * 1024)
    /// The send of the previous chunk, which owns `spare` until it ends.
    private var sending: Task<Void, any Error>?

    private init(schema: Schema, connection: PostgresConnection) {
        self.schema = schema
        self.connection = connection
        encoder = CopyEncoder(schema: schema)
    }

    /// Starts the COPY statement `sql` for rows of `schema`.
    static func start(_ sql: String, schema: Schema, on connection: PostgresConnection) async throws -> CopyStream {
        try await connection.run { link in _ = try link.execute(sql) }
        return CopyStream(schema: schema, connection: connection)
    }

    /// Encodes the rows of `batch`, sending every full chunk.
    /// - Throws: ``SluiceError`` (``SluiceError/Code/badRecord``) for a batch that does not match the schema.
    func write(_ batch: RecordBatch) async throws {
        guard batch.schema == schema else {
            throw SluiceError(.badRecord, "a batch of fields (\(batch.schema)) for a COPY of (\(schema))")
        }
        for row in 0..<batch.count {
            encoder.encode(row: row, of: batch, into: filling)
            if filling.count >= Self.chunkSize { try await ship() }
        }
    }

    /// Sends what is left and ends the COPY; errors in the data (a constraint, a bad value) surface here.
    func finish() async throws {
        try await sending?.value
        sending = nil
        let last = filling
        try await connection.run { link in
            try link.putCopyData(last.bytes, count: last.count)
            try link.endCopy()
        }
        filling.removeAll()
    }

    /// Cancels the COPY (when the connection is still up); never throws.
    func abort() async {
        _ = try? await sending?.value
        sending = nil
        await connection.runIfConnected { link in try? link.endCopy(abort: "the window was rolled back") }
    }

    /// Waits for the previous chunk's send, then sends the full buffer in the background and
    /// goes on filling the other one.
    private func ship() async throws {
        try await sending?.value
        let full = filling
        (filling, spare) = (spare, full)
        filling.removeAll()
        let connection = connection
        sending = Task { try await connection.run { link in try link.putCopyData(full.bytes, count: full.count) } }
    }
}
