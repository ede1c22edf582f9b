import Foundation
import SluiceCore

/// Reads one output of a child process line by line on a thread of its own, with blocking reads:
/// no dispatch source watches the descriptor, so none can outlive it.
struct TargetOutputLines {
    /// Opens when the output reached its end (the process and its children closed it).
    let ended = Latch()

    /// Starts reading `handle`, calling `body` with each line (without its newline, a last
    /// unterminated line included) on the reading thread.
    func start(_ handle: FileHandle, _ body: @escaping @Sendable (String) -> Void) {
        let ended = ended
        Thread.detachNewThread {
            var pending: [UInt8] = []
            while case let chunk = handle.availableData, !chunk.isEmpty {
                pending.append(contentsOf: chunk)
                var start = 0
                while let newline = pending[start...].firstIndex(of: 0x0A) {
                    body(String(decoding: pending[start..<newline], as: UTF8.self))
                    start = newline + 1
                }
                pending.removeFirst(start)
            }
            if !pending.isEmpty { body(String(decoding: pending, as: UTF8.self)) }
            ended.open()
        }
    }
}
