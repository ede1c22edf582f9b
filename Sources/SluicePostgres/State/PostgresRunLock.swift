public import SluiceCore

/// A session-level advisory lock on a connection of its own, that keeps two runs of one pipeline
/// apart; the server releases it when the connection ends, so a killed run never leaves it held.
///
/// A server restart ends the session too: ``confirm()`` then takes the lock again on a new
/// connection, or fails when another run was quicker.
final class PostgresRunLock: RunLock {
    private let connection: PostgresConnection
    private let pipeline: String

    /// Takes the lock of `pipeline`, or fails at once when another session holds it.
    /// - Throws: ``SluiceError`` `.locked`, or a connection error.
    init(settings: PostgresConnectionSettings, pipeline: String) async throws {
        connection = PostgresConnection(settings: settings)
        self.pipeline = pipeline
        do {
            try await take(hint: "wait for it to finish; a run that was killed releases the lock when its connection ends")
        } catch {
            await connection.close()
            throw error
        }
    }

    /// Takes the lock again; on the session that holds it already, that only stacks it, and the
    /// session's end releases it all.
    func confirm() async throws {
        try await take(hint: "this run lost its lock when its database session ended (a server restart?) and another run took it; let that run finish")
    }

    private var key: String { "sluice:" + pipeline }

    private func take(hint: String) async throws {
        let key = key
        let taken = try await connection.runRetrying { link in
            try link.execute("SELECT pg_try_advisory_lock(hashtextextended($1, 0))", [key]).value(row: 0, column: 0) == "t"
        }
        guard taken else {
            throw SluiceError(
                .locked, "another run of pipeline \(pipeline) is in progress", context: [("database", connection.settings.location)],
                hint: hint
            )
        }
    }

    func release() async {
        let key = key
        await connection.runIfConnected { link in
            _ = try? link.execute("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [key])
        }
        await connection.close()
    }
}

extension PostgresStateStore {
    public func lockRun(pipeline: String) async throws -> any RunLock {
        try await PostgresRunLock(settings: settings, pipeline: pipeline)
    }
}
