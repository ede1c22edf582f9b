import SluiceCore
import Synchronization

/// Waits for a ``Latch`` with a deadline, without blocking a thread.
enum Deadline {
    /// Whether `latch` opens before `deadline`; past it the wait goes on in the background until the latch opens.
    @discardableResult
    static func wait(for latch: Latch, until deadline: ContinuousClock.Instant) async -> Bool {
        await withCheckedContinuation { continuation in
            let first = First(continuation)
            let timer = Task {
                try? await Task.sleep(until: deadline)
                first.resume(false)
            }
            Task {
                await latch.wait()
                first.resume(true)
                timer.cancel()
            }
        }
    }

    /// Resumes a continuation with the first answer given.
    private final class First: Sendable {
        private let continuation: Mutex<CheckedContinuation<Bool, Never>?>

        init(_ continuation: CheckedContinuation<Bool, Never>) {
            self.continuation = Mutex(continuation)
        }

        func resume(_ answer: Bool) {
            continuation.withLock { $0.take() }?.resume(returning: answer)
        }
    }
}
