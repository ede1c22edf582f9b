import Foundation

/// Turns the first SIGINT or SIGTERM into a call of `handler`; a second one ends the process at once.
///
/// The C handler only writes the signal's number into a pipe (async-signal-safe); a thread reads
/// the pipe and calls `handler`. Unlike a dispatch signal source, which needs the signal blocked
/// in every thread, this sees a signal whichever thread the kernel delivers it to.
final class SignalTrap {
    private static let signals = [SIGINT, SIGTERM]
    private let reading: Int32
    private let writing: Int32

    init(handler: @escaping @Sendable (Int32) -> Void) {
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
            }
            close(reading)
        }
    }

    /// Restores the default signal handling and ends the reading thread.
    func cancel() {
        for number in Self.signals { signal(number, SIG_DFL) }
        signalPipeDescriptor = -1
        close(writing)
    }
}

/// The write end of the signal pipe, read by the C signal handler (which can capture nothing).
/// Written only while no handler is installed or before the pipe opens, read only by the handler.
nonisolated(unsafe) private var signalPipeDescriptor: Int32 = -1
