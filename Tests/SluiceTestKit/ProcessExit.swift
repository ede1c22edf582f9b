public import Foundation
import Synchronization

/// The end of a child process, awaited without blocking a thread: Swift's cooperative pool has
/// as many threads as cores, and a test that blocked one in `waitUntilExit()` for a child's
/// whole life would stall every other test (and their time limits).
public final class ProcessExit: Sendable {
    private struct State {
        var ended = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Watches `process`, which must not have been started yet.
    public init(of process: Process) {
        process.terminationHandler = { [self] _ in ended() }
    }

    /// Returns once the process has ended.
    public func wait() async {
        await withCheckedContinuation { continuation in
            let ended = state.withLock { state in
                if !state.ended { state.waiters.append(continuation) }
                return state.ended
            }
            if ended { continuation.resume() }
        }
    }

    private func ended() {
        let waiters = state.withLock { state in
            state.ended = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
