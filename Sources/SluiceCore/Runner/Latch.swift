import Synchronization

/// Something that happens once (a child process ended, a pipe reached its end), awaited without
/// blocking a thread: Swift's cooperative pool has as many threads as cores, and a test that
/// blocked one for a child's whole life would stall every other test (and their time limits).
public final class Latch: Sendable {
    private struct State {
        var opened = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// Returns once the latch is open.
    public func wait() async {
        await withCheckedContinuation { continuation in
            let opened = state.withLock { state in
                if !state.opened { state.waiters.append(continuation) }
                return state.opened
            }
            if opened { continuation.resume() }
        }
    }

    /// Opens the latch, for the waiters and for good.
    public func open() {
        let waiters = state.withLock { state in
            state.opened = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
