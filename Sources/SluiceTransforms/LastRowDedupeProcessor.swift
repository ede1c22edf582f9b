import SluiceCore

/// `dedupe` with `keep: last`: holds the latest row of each key until the window ends.
final class LastRowDedupeProcessor: BatchProcessor {
    private let schema: Schema
    private let keyPositions: [Int]
    /// The keys seen; a key's number is its slot in `rows`.
    private var keys = RowKeySet()
    /// The latest row of each key.
    private var rows: [[Value]] = []
    /// For each slot, the input position of its latest row.
    private var positions: [Int] = []
    private var rowsSeen = 0

    init(schema: Schema, keyPositions: [Int]) {
        self.schema = schema
        self.keyPositions = keyPositions
    }

    func process(_ batch: RecordBatch) -> RecordBatch {
        let batchKeys = RowKeys(batch.rows, positions: keyPositions)
        for (index, row) in batch.rows.enumerated() {
            let (slot, isNew) = keys.insert(index, of: batchKeys)
            if isNew {
                rows.append(row)
                positions.append(rowsSeen)
            } else {
                rows[slot] = row
                positions[slot] = rowsSeen
            }
            rowsSeen += 1
        }
        return RecordBatch(schema: schema)
    }

    /// The last row of each key, in the order in which those rows came.
    func finishWindow() -> RecordBatch? {
        let order = rows.indices.sorted { positions[$0] < positions[$1] }
        return RecordBatch(schema: schema, rows: order.map { rows[$0] })
    }
}
