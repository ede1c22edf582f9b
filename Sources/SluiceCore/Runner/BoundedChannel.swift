import Synchronization

/// A first-in first-out queue between two tasks that holds at most `capacity` elements:
/// `send` suspends while it is full, so a slow consumer bounds how far the producer runs ahead.
final class BoundedChannel<Element: Sendable>: Sendable {
    private struct State {
        var buffer: [Element] = []
        var finished = false
        var failure: (any Error)?
        var waitingSenders: [CheckedContinuation<Void, any Error>] = []
        var waitingReceiver: CheckedContinuation<Element?, any Error>?
    }

    private let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    /// Adds `element`, suspending while the channel is full.
    /// - Throws: the channel's failure, or `CancellationError` when the task is cancelled.
    func send(_ element: Element) async throws {
        try Task.checkCancellation()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeReceiver: CheckedContinuation<Element?, any Error>? = state.withLock { state in
                    if let failure = state.failure {
                        continuation.resume(throwing: failure)
                        return nil
                    }
                    if let receiver = state.waitingReceiver {
                        state.waitingReceiver = nil
                        continuation.resume()
                        return receiver
                    }
                    state.buffer.append(element)
                    if state.buffer.count <= capacity {
                        continuation.resume()
                    } else {
                        state.waitingSenders.append(continuation)
                    }
                    return nil
                }
                resumeReceiver?.resume(returning: element)
            }
        } onCancel: {
            fail(CancellationError())
        }
    }

    /// The next element, or `nil` once the channel is finished and drained.
    /// - Throws: the channel's failure, or `CancellationError` when the task is cancelled.
    func next() async throws -> Element? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Element?, any Error>) in
                let sender: CheckedContinuation<Void, any Error>? = state.withLock { state in
                    if let failure = state.failure {
                        continuation.resume(throwing: failure)
                        return nil
                    }
                    if !state.buffer.isEmpty {
                        continuation.resume(returning: state.buffer.removeFirst())
                        // The element of the oldest waiting sender now fits.
                        return state.waitingSenders.isEmpty ? nil : state.waitingSenders.removeFirst()
                    }
                    if state.finished {
                        continuation.resume(returning: nil)
                    } else {
                        state.waitingReceiver = continuation
                    }
                    return nil
                }
                sender?.resume()
            }
        } onCancel: {
            fail(CancellationError())
        }
    }

    /// Ends the stream: the receiver gets the buffered elements, then `nil`.
    func finish() {
        let receiver = state.withLock { state -> CheckedContinuation<Element?, any Error>? in
            state.finished = true
            defer { state.waitingReceiver = nil }
            return state.buffer.isEmpty ? state.waitingReceiver : nil
        }
        receiver?.resume(returning: nil)
    }

    /// Fails both sides: every waiting and later call throws `error` (the first failure wins).
    func fail(_ error: any Error) {
        let (senders, receiver) = state.withLock { state in
            if state.failure == nil { state.failure = error }
            state.buffer.removeAll()
            defer {
                state.waitingSenders.removeAll()
                state.waitingReceiver = nil
            }
            return (state.waitingSenders, state.waitingReceiver)
        }
        let failure = state.withLock { $0.failure } ?? error
        for sender in senders { sender.resume(throwing: failure) }
        receiver?.resume(throwing: failure)
    }

    /// How many elements wait in the buffer (for tests of back-pressure).
    var bufferedCount: Int { state.withLock { $0.buffer.count } }
}
