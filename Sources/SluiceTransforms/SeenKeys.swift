import SluiceCore
import Synchronization

/// The row keys seen so far, shared safely by the processors of concurrent windows.
final class SeenKeys: Sendable {
    private let keys = Mutex<Set<[Value]>>([])

    /// Records `batch` in order and tells, for each key, whether it was new (one lock per batch).
    func insert(_ batch: [[Value]]) -> [Bool] {
        keys.withLock { seen in batch.map { seen.insert($0).inserted } }
    }
}
