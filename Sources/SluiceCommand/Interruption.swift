import SluiceCore
import Synchronization

/// Cancels the phase of a run in progress when a signal arrives, and every later phase at once,
/// even when the signal arrives between two phases.
final class Interruption: Sendable {
    private struct State {
        var interrupted = false
        /// Cancels the phase in progress, if any.
        var cancel: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    /// Whether a signal arrived.
    var isInterrupted: Bool { state.withLock(\.interrupted) }

    /// Cancels the phase in progress, and makes every later one fail at once.
    func interrupt() {
        let cancel = state.withLock { state in
            state.interrupted = true
            return state.cancel
        }
        cancel?()
    }

    /// Runs `body` in a task of its own, which a signal cancels.
    /// - Throws: what `body` throws; once a signal arrived, ``SluiceError`` `.interrupted` whatever
    ///   the phase failed with (a cancelled statement, a cancelled wait...), or without running it.
    func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        guard !isInterrupted else { throw Self.stopped }
        let task = Task { try await body() }
        let interrupted = state.withLock { state in
            state.cancel = { task.cancel() }
            return state.interrupted
        }
        defer { state.withLock { $0.cancel = nil } }
        if interrupted { task.cancel() }
        do {
            return try await task.value
        } catch let error as SluiceError where error.code == .interrupted {
            throw error
        } catch {
            guard isInterrupted else { throw error }
            throw Self.stopped
        }
    }

    private static let stopped = SluiceError(
        .interrupted, "interrupted: the windows in flight were rolled back", hint: "run the same command again to resume"
    )
}
