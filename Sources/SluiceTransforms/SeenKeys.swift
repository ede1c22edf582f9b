import Synchronization

/// The row keys seen so far, shared safely by the processors of concurrent windows.
final class SeenKeys: Sendable {
    private let keys = Mutex(RowKeySet())

    /// Records the keys of a batch in order and tells, for each, whether it was new (one lock per batch).
    func insert(_ batch: RowKeys) -> [Bool] {
        keys.withLock { seen in (0..<batch.count).map { seen.insert($0, of: batch).inserted } }
    }

    /// Forgets `claimed` keys (those a rolled-back window inserted), so that a rerun of the window
    /// passes their rows again.
    func release(_ claimed: RowKeys) {
        guard claimed.count > 0 else { return }
        keys.withLock { $0 = $0.subtracting(claimed) }
    }
}
