import SluiceCore

/// `dedupe` with `keep: first`: passes each row whose key is new, as it comes.
final class FirstRowDedupeProcessor: BatchProcessor {
    private let schema: Schema
    private let keyPositions: [Int]
    /// The window's own keys, or the run's (shared with other windows).
    private let seen: SeenKeys
    /// Whether `seen` outlives the window: then a rolled-back window gives its keys back.
    private let sharedWithOtherWindows: Bool
    /// The keys this window added to a shared `seen`.
    private var claimed = RowKeys()

    init(schema: Schema, keyPositions: [Int], seen: SeenKeys, sharedWithOtherWindows: Bool) {
        self.schema = schema
        self.keyPositions = keyPositions
        self.seen = seen
        self.sharedWithOtherWindows = sharedWithOtherWindows
    }

    func process(_ batch: RecordBatch) -> RecordBatch {
        let keys = RowKeys(batch.rows, positions: keyPositions)
        var rows: [[Value]] = []
        rows.reserveCapacity(batch.rows.count)
        for (index, isNew) in seen.insert(keys).enumerated() where isNew {
            rows.append(batch.rows[index])
            if sharedWithOtherWindows { claimed.append(index, of: keys) }
        }
        return RecordBatch(schema: schema, rows: rows)
    }

    func windowEnded(committed: Bool) {
        if !committed { seen.release(claimed) }
        claimed = RowKeys()
    }
}
