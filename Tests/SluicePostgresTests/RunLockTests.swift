import SluiceCore
@testable import SluicePostgres
import Testing

/// The advisory run lock keeps two runs apart, and survives the loss of its session (a server
/// restart) only when no other run took it meanwhile.
@Suite struct RunLockTests {
    @Test func aLockLostWithItsSessionIsTakenAgainUnlessAnotherRunTookIt() async throws {
        let database = try await TestDatabase.make()
        let store = database.stateStore()
        let pipeline = "lock-" + database.schema
        let first = try await store.lockRun(pipeline: pipeline)
        try await first.confirm()
        let refused = await #expect(throws: SluiceError.self) { try await store.lockRun(pipeline: pipeline) }
        #expect(refused?.code == .locked)

        // The first run's session ends, as a restart ends it; a second run takes the free lock.
        try await Self.endSessionHolding(pipeline, database)
        let second = try await store.lockRun(pipeline: pipeline)
        let lost = await #expect(throws: SluiceError.self) { try await first.confirm() }
        // Lost mid-run is a failure (exit 1), not a skip: the run may have committed windows.
        #expect(lost?.code == .lockLost)
        #expect(lost?.outcome == .failed)

        // Once the second run is done, the first takes the lock again on a new session.
        await second.release()
        try await first.confirm()
        await #expect(throws: SluiceError.self) { try await store.lockRun(pipeline: pipeline) }
        await first.release()
        let third = try await store.lockRun(pipeline: pipeline)
        await third.release()
        try await database.drop()
    }

    /// Terminates the session holding the run lock of `pipeline`, and waits for its end.
    static func endSessionHolding(_ pipeline: String, _ database: TestDatabase) async throws {
        let ended = try await database.query(
            """
            SELECT pg_terminate_backend(l.pid, 10000) FROM pg_locks l CROSS JOIN (SELECT hashtextextended($1, 0) AS k) h
            WHERE l.locktype = 'advisory' AND l.granted
              AND l.classid = ((h.k >> 32) & 4294967295)::oid AND l.objid = (h.k & 4294967295)::oid
            """,
            ["sluice:" + pipeline]
        )
        #expect(ended == [["t"]])
    }
}
