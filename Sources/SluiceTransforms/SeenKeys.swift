import Synchronization

/// The row keys seen so far, shared safely by the processors of concurrent windows.
final class SeenKeys: Sendable {
    private let keys = Mutex(RowKeySet())

    /// Records the keys of a batch in order and tells, for each, whether it was new (one lock per batch).
    func insert(_ batch: RowKeys) -> [Bool] {
        keys.withLock { seen in (0..<batch.count).map { seen.insert($0, of: batch).inserted } }
    }
}
