import SluiceCore

/// Writes one window of a file or stdout sink into a ``Spool``; the session publishes it on commit.
final class SpoolWriter: WindowWriter {
    private let session: FileSinkSession
    private let spool: Spool

    init(session: FileSinkSession, spool: Spool) {
        self.session = session
        self.spool = spool
    }

    func write(_ batch: RecordBatch) async throws {
        try spool.append(batch)
    }

    func commit(_ checkpoint: Checkpoint) async throws {
        do {
            try spool.finish()
            try await session.publish(spool, checkpoint: checkpoint)
        } catch {
            spool.discard()
            throw error
        }
    }

    func rollback() async {
        spool.discard()
    }
}
