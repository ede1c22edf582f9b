import Foundation
import Synchronization

/// Turns the first SIGINT or SIGTERM into a call of `handler`; a second one ends the process at
/// once, and so does the end of a grace period after the first, should the run not have stopped
/// by then (whatever it waits on: a connection to a server that never answers, say). Ending
/// there is safe: every sink's window is atomic, and the next run cleans up and resumes.
///
/// The C handler only writes the signal's number into a pipe (async-signal-safe); a thread reads
/// the pipe and calls `handler`. Unlike a dispatch signal source, which needs the signal blocked
/// in every thread, this sees a signal whichever thread the kernel delivers it to.
final class SignalTrap {
    private static let signals = [SIGINT, SIGTERM]
    private let reading: Int32
    private let writing: Int32
    /// Set once the trap is cancelled: the grace period then ends nothing.
    private let cancelled = Cancelled()

    /// - Parameters:
    ///   - grace: how long the run may take to stop after the first signal before the process exits.
    ///   - handler: called with the first signal's number.
    init(grace: Duration = .seconds(10), handler: @escaping @Sendable (Int32) -> Void) {
        var ends: [Int32] = [-1, -1]
        precondition(pipe(&ends) == 0, "cannot create the signal pipe")
        (reading, writing) = (ends[0], ends[1])
        signalPipeDescriptor = writing
        for number in Self.signals {
            var action = sigaction()
            action.__sigaction_handler = .init(sa_handler: { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(signalPipeDescriptor, &byte, 1)
            })
            sigaction(number, &action, nil)
        }
        let reading = reading
        let cancelled = cancelled
        Thread.detachNewThread {
            var received = 0
            var byte: UInt8 = 0
            while read(reading, &byte, 1) == 1 {
                received += 1
                if received > 1 {
                    FileHandle.standardError.write(Data("sluice: second signal, exiting without cleaning up\n".utf8))
                    exit(128 + Int32(byte))
                }
                handler(Int32(byte))
                Self.scheduleExit(after: grace, unless: cancelled)
            }
            close(reading)
        }
    }

    /// Restores the default signal handling and ends the reading thread.
    func cancel() {
        cancelled.set()
        for number in Self.signals { signal(number, SIG_DFL) }
        signalPipeDescriptor = -1
        close(writing)
    }

    /// Ends the process with status 130 once `grace` has passed, unless the trap was cancelled by then.
    private static func scheduleExit(after grace: Duration, unless cancelled: Cancelled) {
        let (seconds, attoseconds) = grace.components
        let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) {
            guard !cancelled.isSet else { return }
            FileHandle.standardError.write(Data(
                "sluice: still stopping \(seconds) s after the signal; exiting now (the next run cleans up and resumes)\n".utf8
            ))
            Foundation.exit(130)
        }
    }

    /// A flag set once, read from any thread.
    private final class Cancelled: Sendable {
        private let flag = Atomic(false)
        var isSet: Bool { flag.load(ordering: .acquiring) }
        func set() { flag.store(true, ordering: .releasing) }
    }
}

/// The write end of the signal pipe, read by the C signal handler (which can capture nothing).
/// Written only while no handler is installed or before the pipe opens, read only by the handler.
nonisolated(unsafe) private var signalPipeDescriptor: Int32 = -1
