/// Where a ``BatchProcessor`` puts its rows: it gathers them into batches of at most ``maxRows``
/// and hands each full batch on, suspending the processor while downstream is busy.
///
/// Used by one task at a time, like the processor that writes to it.
public final class BatchOutput {
    /// The schema of the rows appended (the transform's output schema).
    public let schema: Schema
    /// The most rows handed on in one batch.
    public let maxRows: Int
    private var pending: [[Value]] = []
    private let deliver: (RecordBatch) async throws -> Void

    /// The rows in a batch when nobody says otherwise: small enough to stay in the processor
    /// caches, large enough that handing a batch on costs nothing next to making it.
    public static let defaultMaxRows = 4096

    /// An output of rows of `schema`, handed to `deliver` in batches of at most `maxRows`.
    public init(schema: Schema, maxRows: Int = BatchOutput.defaultMaxRows, deliver: @escaping (RecordBatch) async throws -> Void) {
        precondition(maxRows > 0)
        self.schema = schema
        self.maxRows = maxRows
        self.deliver = deliver
    }

    /// Adds one row (one value per field of ``schema``); hands the batch on when it is full.
    public func append(_ row: [Value]) async throws {
        pending.append(row)
        if pending.count >= maxRows { try await flush() }
    }

    /// Adds every row of `batch`: handed on as it is when nothing is pending and it is small enough.
    public func append(contentsOf batch: RecordBatch) async throws {
        guard !pending.isEmpty || batch.count > maxRows else {
            if batch.count > 0 { try await deliver(RecordBatch(schema: schema, rows: batch.rows)) }
            return
        }
        for row in batch.rows { try await append(row) }
    }

    /// Hands on the rows not handed on yet.
    public func flush() async throws {
        guard !pending.isEmpty else { return }
        let batch = RecordBatch(schema: schema, rows: pending)
        pending = []
        pending.reserveCapacity(min(maxRows, batch.count))
        try await deliver(batch)
    }
}
