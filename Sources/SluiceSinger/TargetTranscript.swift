import SluiceCore
import Synchronization

/// What a Singer target said that matters after it ended: the states it echoed, its last stderr line.
final class TargetTranscript: Sendable {
    private let said = Mutex<(states: [Value], lastError: String?)>(([], nil))

    func echoed(_ state: Value) {
        said.withLock { $0.states.append(state) }
    }

    func printed(error line: String) {
        said.withLock { $0.lastError = line }
    }

    /// Whether the target echoed `state`.
    func hasEchoed(_ state: Value) -> Bool {
        said.withLock { $0.states.contains(state) }
    }

    /// The last line the target printed on stderr.
    var lastError: String? { said.withLock { $0.lastError } }
}
