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
            guard try await take() else {
                throw SluiceError(
                    .locked, "another run of pipeline \(pipeline) is in progress", context: [("database", connection.settings.location)],
                    hint: "wait for it to finish; a run that was killed releases the lock when its connection ends", outcome: .skipped
                )
            }
        } catch {
            await connection.close()
            throw error
        }
    }

    /// Checks that the lock's session still holds it; a lost session is replaced by a new one,
    /// which takes the lock again.
    /// - Throws: ``SluiceError`` `.lockLost` (a failure, not a skip: windows may be committed) when
    ///   another run took the lock meanwhile.
    func confirm() async throws {
        guard try await take() else {
            throw SluiceError(
                .lockLost, "this run of pipeline \(pipeline) lost its lock, and another run took it",
                context: [("database", connection.settings.location)],
                hint: "its database session ended (a server restart?); the windows committed are kept; let the other run finish"
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

    private var key: String { "sluice:" + pipeline }

    /// Takes the lock unless this session holds it already (taking it twice would stack it).
    /// A bigint advisory key shows in `pg_locks` split in two halves, with `objsubid` 1.
    private static let takeUnlessHeld = """
        SELECT CASE WHEN EXISTS (
            SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted AND objsubid = 1
              AND classid = ((key.k >> 32) & 4294967295)::oid AND objid = (key.k & 4294967295)::oid)
          THEN true ELSE pg_try_advisory_lock(key.k) END
        FROM (SELECT hashtextextended($1, 0) AS k) AS key
        """

    /// Whether this session holds the lock now (taking it when free).
    private func take() async throws -> Bool {
        let key = key
        return try await connection.runRetrying { link in
            try link.execute(Self.takeUnlessHeld, [key]).value(row: 0, column: 0) == "t"
        }
    }
}

extension PostgresStateStore {
    public func lockRun(pipeline: String) async throws -> any RunLock {
        try await PostgresRunLock(settings: settings, pipeline: pipeline)
    }
}
