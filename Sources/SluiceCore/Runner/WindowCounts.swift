import Synchronization

/// The rows one try of a window read and handed to each of its sinks; they join the run's
/// ``RunMetrics`` only when the window commits, so that a window tried again counts once.
final class WindowCounts: Sendable {
    private let state: Mutex<(read: Int, written: [Int])>

    init(sinks: Int) {
        state = Mutex((0, Array(repeating: 0, count: sinks)))
    }

    var read: Int { state.withLock { $0.read } }

    func written(by position: Int) -> Int { state.withLock { $0.written[position] } }

    func add(read rows: Int) { state.withLock { $0.read += rows } }

    func add(written rows: Int, by position: Int) { state.withLock { $0.written[position] += rows } }
}
