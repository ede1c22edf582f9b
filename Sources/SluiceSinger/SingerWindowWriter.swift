import SluiceCore

/// Sends one window's records to its target process, and commits the window once the target
/// echoed the window's `STATE`.
final class SingerWindowWriter: WindowWriter {
    private let session: SingerSinkSession
    private let target: SingerTarget
    /// Opened when the window committed or rolled back, for the next window to begin.
    private let ended: Latch
    private var buffer: [UInt8] = []
    /// Bytes gathered before they are sent to the target.
    private static let sendThreshold = 256 * 1024

    init(session: SingerSinkSession, target: SingerTarget, ended: Latch) {
        self.session = session
        self.target = target
        self.ended = ended
        buffer.reserveCapacity(Self.sendThreshold + 4096)
    }

    func write(_ batch: RecordBatch) async throws {
        // A batch is bounded (about 1 MiB of rows): encoded whole, then sent once the buffer is full.
        session.encoder.appendRecords(of: batch, into: &buffer) { _ in }
        if buffer.count >= Self.sendThreshold { try await send() }
    }

    /// Sends the rest of the records and the window's `STATE`, ends the target's input, and records
    /// `checkpoint` once the target exited successfully after echoing that state.
    func commit(_ checkpoint: Checkpoint) async throws {
        defer { ended.open() }
        let state = SingerEncoder.stateValue(pipeline: checkpoint.pipeline, sink: checkpoint.sink, window: checkpoint.window)
        buffer += session.encoder.stateMessage(state)
        do {
            try await send()
            try await target.finish(expecting: state, timeout: session.sink.flushTimeout)
        } catch {
            target.kill()
            throw error
        }
        try await checkpoint.record()
    }

    /// Kills the target: it loads nothing more of the window (what it loaded already stays).
    func rollback() async {
        target.kill()
        ended.open()
    }

    private func send() async throws {
        try await target.send(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
