/// Where a ``BatchProcessor`` puts its rows: it gathers them into batches of at most ``maxRows``
/// rows and about ``maxBytes`` bytes and hands each full batch on, suspending the processor while
/// downstream is busy.
///
/// Used by one task at a time, like the processor that writes to it.
public final class BatchOutput {
    /// The schema of the rows appended (the transform's output schema).
    public let schema: Schema
    /// The most rows handed on in one batch.
    public let maxRows: Int
    /// The bytes past which a batch is handed on before it holds ``maxRows`` rows.
    public let maxBytes: Int
    private var pending: RecordBatch
    private let deliver: (RecordBatch) async throws -> Void

    /// The rows in a batch when nobody says otherwise: small enough to stay in the processor
    /// caches, large enough that handing a batch on costs nothing next to making it.
    public static let defaultMaxRows = 4096
    /// The bytes of a batch when nobody says otherwise.
    public static let defaultMaxBytes = 1 << 20

    /// An output of rows of `schema`, handed to `deliver` in batches of at most `maxRows`.
    public init(
        schema: Schema, maxRows: Int = BatchOutput.defaultMaxRows, maxBytes: Int = BatchOutput.defaultMaxBytes,
        deliver: @escaping (RecordBatch) async throws -> Void
    ) {
        precondition(maxRows > 0 && maxBytes > 0)
        self.schema = schema
        self.maxRows = maxRows
        self.maxBytes = maxBytes
        self.deliver = deliver
        pending = RecordBatch(schema: schema)
    }

    /// Adds one row (one value per field of ``schema``); hands the batch on when it is full.
    public func append(_ row: [Value]) async throws {
        pending.append(row)
        try await handOnFull()
    }

    /// Adds row `row` of `batch`, a batch of ``schema``; hands the batch on when it is full.
    public func append(row: Int, of batch: RecordBatch) async throws {
        pending.append(row: row, of: batch)
        try await handOnFull()
    }

    /// Adds one row written field by field (see ``RecordBatch/appendRow(_:)``), without waiting:
    /// the fast path of transforms that make many rows. Call ``handOnFull()`` after each bounded
    /// group of rows (an input record's day, say), so that full batches move on.
    public func appendRow<Failure: Error>(_ fill: (inout RowWriter) throws(Failure) -> Void) throws(Failure) {
        try pending.appendRow(fill)
    }

    /// Adds every row of `batch`: handed on as it is when nothing is pending and it is small enough.
    public func append(contentsOf batch: RecordBatch) async throws {
        guard pending.count > 0 || batch.count > maxRows || batch.byteCount > maxBytes else {
            if batch.count > 0 { try await deliver(RecordBatch(schema: schema, columns: batch.columns, count: batch.count)) }
            return
        }
        for row in 0..<batch.count { try await append(row: row, of: batch) }
    }

    /// Hands on every full batch, each of exactly ``maxRows`` rows (or fewer past ``maxBytes``),
    /// keeping the rest.
    public func handOnFull() async throws {
        while pending.count >= maxRows || (pending.count > 0 && pending.byteCount >= maxBytes) {
            guard pending.count > maxRows else { return try await flush() }
            var rest = RecordBatch(schema: schema)
            for row in maxRows..<pending.count { rest.append(row: row, of: pending) }
            pending.truncate(to: maxRows)
            let full = pending
            pending = rest
            try await deliver(full)
        }
    }

    /// Hands on the rows not handed on yet.
    public func flush() async throws {
        guard pending.count > 0 else { return }
        let batch = pending
        pending.removeAll()
        try await deliver(batch)
    }
}
