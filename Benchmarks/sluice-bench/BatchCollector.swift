import SluiceCore
import Synchronization

/// Keeps the batches a source emits for one window (the source's `emit` closure is `@Sendable`).
final class BatchCollector: Sendable {
    private let collected = Mutex<[RecordBatch]>([])

    /// Adds one batch.
    func append(_ batch: RecordBatch) {
        collected.withLock { $0.append(batch) }
    }

    /// Every batch so far, in the order they came.
    var batches: [RecordBatch] { collected.withLock { $0 } }
}
