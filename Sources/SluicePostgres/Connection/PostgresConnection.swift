import CLibPQ
import Dispatch
import SluiceCore

/// One connection to PostgreSQL. It owns its `PGconn` (finished exactly once) and runs every
/// libpq call on its own serial queue, so blocking calls never occupy Swift's cooperative pool.
///
/// The connection is made on first use and made again after it was lost.
final class PostgresConnection: @unchecked Sendable {
    let settings: PostgresConnectionSettings
    private let queue = DispatchQueue(label: "sluice.postgres.connection")
    /// The `PGconn`; read and written only on `queue`.
    private var handle: OpaquePointer?
    /// The cancel key of `handle`; read and written only on `queue`.
    private var cancelKey: CancelKey?

    init(settings: PostgresConnectionSettings) {
        self.settings = settings
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    /// Runs `body` on the connection's queue with a live link, connecting first when needed.
    /// Calls of one connection run one after the other, each `body` as a whole.
    ///
    /// Cancelling the task cancels the call: one not started yet never starts, and the statement
    /// of a running one is cancelled on the server (see ``StatementCancellation``).
    /// - Throws: what `body` throws, ``SluiceError`` when no connection can be made, or
    ///   `CancellationError` when the task was cancelled.
    func run<T: Sendable>(_ body: @escaping @Sendable (PostgresLink) throws -> T) async throws -> T {
        let cancellation = StatementCancellation()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                queue.async {
                    do {
                        guard !cancellation.isCancelled else { throw CancellationError() }
                        let link = try self.link()
                        guard cancellation.start(self.cancelKey) else { throw CancellationError() }
                        defer { cancellation.end() }
                        continuation.resume(returning: try body(link))
                    } catch {
                        // A lost connection is not used again: the next call connects afresh.
                        if (error as? SluiceError)?.code == .databaseConnection { self.disconnect() }
                        continuation.resume(throwing: cancellation.isCancelled ? CancellationError() : error)
                    }
                }
            }
        } onCancel: {
            cancellation.cancel()
        }
    }

    /// Like ``run(_:)``, but when the connection cannot be made or is lost, waits (0.2 s, doubling)
    /// and tries again, `attempts` times in all. Only for bodies that are safe to repeat.
    func runRetrying<T: Sendable>(
        attempts: Int = 5, _ body: @escaping @Sendable (PostgresLink) throws -> T
    ) async throws -> T {
        var delay: Duration = .milliseconds(200)
        for _ in 1..<max(attempts, 1) {
            do {
                return try await run(body)
            } catch let error as SluiceError where error.code == .databaseConnection {
                try await Task.sleep(for: delay)
                delay *= 2
            }
        }
        return try await run(body)
    }

    /// Runs `body` on the connection's queue only when the connection is up; never connects.
    func runIfConnected(_ body: @escaping @Sendable (PostgresLink) -> Void) async {
        await onQueue {
            if let handle = self.handle, PQstatus(handle) == CONNECTION_OK {
                body(PostgresLink(pointer: handle, settings: self.settings))
            }
        }
    }

    /// Closes the connection now (a later ``run(_:)`` connects again).
    func close() async {
        await onQueue { self.disconnect() }
    }

    /// Whether the connection is usable for another window: up, and in no transaction.
    func isReusable() async -> Bool {
        await onQueue {
            self.handle.map { PQstatus($0) == CONNECTION_OK && PQtransactionStatus($0) == PQTRANS_IDLE } ?? false
        }
    }

    /// Runs `body` on the queue, where `handle` may be touched.
    private func onQueue<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: body()) }
        }
    }

    private func link() throws -> PostgresLink {
        if let handle, PQstatus(handle) == CONNECTION_OK { return PostgresLink(pointer: handle, settings: settings) }
        disconnect()
        let fresh = try settings.connect()
        handle = fresh
        cancelKey = CancelKey(connection: fresh)
        return PostgresLink(pointer: fresh, settings: settings)
    }

    private func disconnect() {
        cancelKey = nil
        if let handle { PQfinish(handle) }
        handle = nil
    }
}
