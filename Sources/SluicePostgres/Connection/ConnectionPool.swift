import Synchronization

/// The connections of one sink session: each window borrows one, so windows load in parallel;
/// a connection goes back to the pool only when it is healthy and out of any transaction.
final class ConnectionPool: Sendable {
    let settings: PostgresConnectionSettings
    private let idle = Mutex<[PostgresConnection]>([])

    init(settings: PostgresConnectionSettings) {
        self.settings = settings
    }

    /// An idle connection, or a new one (connected on first use).
    func acquire() -> PostgresConnection {
        idle.withLock { $0.popLast() } ?? PostgresConnection(settings: settings)
    }

    /// Takes a connection back, closing it instead when it is lost or mid-transaction.
    func release(_ connection: PostgresConnection) async {
        if await connection.isReusable() {
            idle.withLock { $0.append(connection) }
        } else {
            await connection.close()
        }
    }

    /// Closes every idle connection.
    func close() async {
        for connection in idle.withLock({ connections in defer { connections = [] }; return connections }) {
            await connection.close()
        }
    }
}
