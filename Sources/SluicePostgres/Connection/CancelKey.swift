import CLibPQ

/// What libpq needs to ask the server to cancel the statement running on one connection
/// (`PGcancel`): usable from any thread while the connection is busy on its own. Freed exactly once.
final class CancelKey: @unchecked Sendable {
    private let pointer: OpaquePointer

    /// The key of `connection`; `nil` when libpq cannot make one.
    init?(connection: OpaquePointer) {
        guard let pointer = PQgetCancel(connection) else { return nil }
        self.pointer = pointer
    }

    deinit { PQfreeCancel(pointer) }

    /// Sends a cancel request on a connection of its own (blocking: never on Swift's cooperative pool).
    /// A request that finds no statement running does nothing.
    func send() {
        var message = [CChar](repeating: 0, count: 256)
        _ = PQcancel(pointer, &message, Int32(message.count))
    }
}
