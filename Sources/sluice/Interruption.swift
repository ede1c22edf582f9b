import SluiceCore
import Synchronization

/// Cancels a run's task when a signal arrives, even one that arrives before the task exists.
final class Interruption: Sendable {
    private struct State {
        var interrupted = false
        var task: Task<RunSummary, any Error>?
    }

    private let state = Mutex(State())

    func interrupt() {
        let task = state.withLock { state in
            state.interrupted = true
            return state.task
        }
        task?.cancel()
    }

    func attach(_ task: Task<RunSummary, any Error>) {
        let interrupted = state.withLock { state in
            state.task = task
            return state.interrupted
        }
        if interrupted { task.cancel() }
    }
}
