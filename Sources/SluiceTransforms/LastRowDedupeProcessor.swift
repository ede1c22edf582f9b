import SluiceCore

/// `dedupe` with `keep: last`: holds the latest row of each key until the window ends.
final class LastRowDedupeProcessor: BatchProcessor {
    private let keyPositions: [Int]
    /// The keys seen; a key's number is its slot in `rows`.
    private var keys = RowKeySet()
    /// The latest row of each key.
    private var rows: [[Value]] = []
    /// For each slot, the input position of its latest row.
    private var positions: [Int] = []
    private var rowsSeen = 0

    init(keyPositions: [Int]) {
        self.keyPositions = keyPositions
    }

    func process(_ batch: RecordBatch, into output: BatchOutput) async throws {
        let batchKeys = RowKeys(batch, positions: keyPositions)
        for index in 0..<batch.count {
            let row = batch.row(index)
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
    }

    /// The last row of each key, in the order in which those rows came.
    func finishWindow(into output: BatchOutput) async throws {
        for slot in rows.indices.sorted(by: { positions[$0] < positions[$1] }) { try await output.append(rows[slot]) }
    }
}
