import Dispatch
import Foundation

/// Turns the first SIGINT or SIGTERM into a call of `handler`; a second one ends the process at once.
final class SignalTrap {
    private let sources: [any DispatchSourceSignal]

    init(handler: @escaping @Sendable (Int32) -> Void) {
        let queue = DispatchQueue(label: "sluice.signals")
        let received = SignalCount()
        sources = [SIGINT, SIGTERM].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler {
                if received.increment() > 1 {
                    StandardError.write("sluice: second signal, exiting without cleaning up\n")
                    exit(128 + signalNumber)
                }
                handler(signalNumber)
            }
            source.resume()
            return source
        }
    }

    /// Restores the default signal handling.
    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}

/// A counter touched only on the signal queue.
private final class SignalCount: @unchecked Sendable {
    private var count = 0
    func increment() -> Int {
        count += 1
        return count
    }
}
