import SluiceCore

/// `dedupe` with `keep: first`: passes each row whose key is new, as it comes.
final class FirstRowDedupeProcessor: BatchProcessor {
    private let keyPositions: [Int]
    /// The window's own keys, or the run's (shared with other windows).
    private let seen: SeenKeys
    /// Whether `seen` outlives the window: then a rolled-back window gives its keys back.
    private let sharedWithOtherWindows: Bool
    /// The keys this window added to a shared `seen`.
    private var claimed = RowKeys()

    init(keyPositions: [Int], seen: SeenKeys, sharedWithOtherWindows: Bool) {
        self.keyPositions = keyPositions
        self.seen = seen
        self.sharedWithOtherWindows = sharedWithOtherWindows
    }

    func process(_ batch: RecordBatch, into output: BatchOutput) async throws {
        let keys = RowKeys(batch, positions: keyPositions)
        for (index, isNew) in seen.insert(keys).enumerated() where isNew {
            try await output.append(row: index, of: batch)
            if sharedWithOtherWindows { claimed.append(index, of: keys) }
        }
    }

    func windowEnded(committed: Bool) {
        if !committed { seen.release(claimed) }
        claimed = RowKeys()
    }
}
