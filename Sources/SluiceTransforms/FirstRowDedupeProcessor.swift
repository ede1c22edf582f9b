import SluiceCore

/// `dedupe` with `keep: first`: passes each row whose key is new, as it comes.
final class FirstRowDedupeProcessor: BatchProcessor {
    private let schema: Schema
    private let keyPositions: [Int]
    /// The window's own keys, or the run's (shared with other windows).
    private let seen: SeenKeys

    init(schema: Schema, keyPositions: [Int], seen: SeenKeys) {
        self.schema = schema
        self.keyPositions = keyPositions
        self.seen = seen
    }

    func process(_ batch: RecordBatch) -> RecordBatch {
        let keys = RowKeys(batch.rows, positions: keyPositions)
        var rows: [[Value]] = []
        rows.reserveCapacity(batch.rows.count)
        for (row, isNew) in zip(batch.rows, seen.insert(keys)) where isNew {
            rows.append(row)
        }
        return RecordBatch(schema: schema, rows: rows)
    }
}
