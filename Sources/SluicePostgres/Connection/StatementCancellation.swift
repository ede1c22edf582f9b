import Dispatch
import Synchronization

/// Cancels one call on a connection when its task is cancelled: a call not started yet never
/// starts, and the statement of a running one is cancelled on the server (`PQcancel`), so that a
/// statement waiting for a lock, say, ends at once and its backend is not left queued.
///
/// A cancel request that reaches the server between two statements of a call finds nothing to
/// cancel, so it is sent again every half second until the call ends.
final class StatementCancellation: Sendable {
    private struct State {
        var cancelled = false
        /// The key of the connection while the call runs.
        var running: CancelKey?
    }

    private let state = Mutex(State())
    /// Where cancel requests are sent from: `PQcancel` blocks while it connects to the server.
    private static let requests = DispatchQueue(label: "sluice.postgres.cancel")
    /// Cancel requests sent for one call at most: a call that outlives them ends by itself
    /// (the sink's lock time-out) or with the process.
    private static let maxRequests = 20

    /// Whether the call was cancelled.
    var isCancelled: Bool { state.withLock(\.cancelled) }

    /// Marks the call as running on the connection of `key`.
    /// - Returns: `false` when it was cancelled before it could start.
    func start(_ key: CancelKey?) -> Bool {
        state.withLock { state in
            guard !state.cancelled else { return false }
            state.running = key
            return true
        }
    }

    /// Marks the call as ended: no more cancel requests are sent for it.
    func end() {
        state.withLock { $0.running = nil }
    }

    /// Cancels the call (from the task's cancellation handler, on any thread; never blocks).
    func cancel() {
        let key = state.withLock { state in
            state.cancelled = true
            return state.running
        }
        guard let key else { return }
        Self.requests.async { self.request(key, left: Self.maxRequests) }
    }

    /// Sends a cancel request while the call still runs on the connection of `key`, then again
    /// half a second later, `left` times at most.
    private func request(_ key: CancelKey, left: Int) {
        guard left > 0, state.withLock({ $0.running === key }) else { return }
        key.send()
        Self.requests.asyncAfter(deadline: .now() + .milliseconds(500)) { self.request(key, left: left - 1) }
    }
}
