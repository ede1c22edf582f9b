public import SluiceCore

/// A session-level advisory lock on a connection of its own, that keeps two runs of one pipeline
/// apart; the server releases it when the connection ends, so a killed run never leaves it held.
final class PostgresRunLock: RunLock {
    private let connection: PostgresConnection
    private let key: String

    /// Takes the lock of `pipeline`, or fails at once when another session holds it.
    /// - Throws: ``SluiceError`` `.locked`, or a connection error.
    init(settings: PostgresConnectionSettings, pipeline: String) async throws {
        connection = PostgresConnection(settings: settings)
        key = "sluice:" + pipeline
        let key = key
        let taken = try await connection.runRetrying { link in
            try link.execute("SELECT pg_try_advisory_lock(hashtextextended($1, 0))", [key]).value(row: 0, column: 0) == "t"
        }
        guard taken else {
            await connection.close()
            throw SluiceError(
                .locked, "another run of pipeline \(pipeline) is in progress", context: [("database", settings.location)],
                hint: "wait for it to finish; a run that was killed releases the lock when its connection ends"
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
