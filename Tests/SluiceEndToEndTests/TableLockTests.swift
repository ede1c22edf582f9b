import Foundation
import SluiceCore
import SluiceTestKit
import Testing

/// A target table locked by another session, through the real binary: the run fails after the
/// sink's lockTimeout naming the table; the first SIGTERM or SIGINT ends it within seconds; and
/// neither a signal nor a SIGKILL leaves its backend queued behind the lock on the server.
@Suite struct TableLockTests {
    /// A pipeline that loads three NDJSON lines into `table` (which the test creates and locks).
    struct LockedLoad {
        let folder: TemporaryFolder
        let schema: String
        let name: String
        var table: String { "\(schema).events" }
        var path: String { folder.file("pipeline.json") }

        init(lockTimeout: Int?) async throws {
            try Psql.requireServer()
            let suffix = UUID().uuidString.prefix(8).lowercased()
            folder = try TemporaryFolder()
            schema = "e2e_locked_\(suffix)"
            name = "e2e-locked-\(suffix)"
            try (1...3).map { #"{"user_id":"u\#($0)","n":\#($0)}"# }.joined(separator: "\n")
                .write(toFile: folder.file("in.ndjson"), atomically: true, encoding: .utf8)
            let option = lockTimeout.map { #", "lockTimeout": \#($0)"# } ?? ""
            try """
            {"version": 1, "name": "\(name)",
             "source": {"type": "ndjson", "paths": ["in.ndjson"], "fields": {"user_id": "text", "n": "int"}},
             "sinks": [{"type": "postgres", "table": "\(schema).events"\(option)}]}
            """.write(toFile: path, atomically: true, encoding: .utf8)
            try await Psql.execute("CREATE SCHEMA \(schema); CREATE TABLE \(schema).events (user_id text, n bigint)")
        }

        func remove() async throws {
            folder.remove()
            try await Psql.execute("DROP SCHEMA \(schema) CASCADE; DELETE FROM sluice.sluice_state WHERE pipeline = \(Psql.literal(name))")
        }
    }

    @Test func aLockedTableFailsTheRunAfterLockTimeoutNamingIt() async throws {
        let load = try await LockedLoad(lockTimeout: 2)
        let lock = try await LockHolder(table: load.table)
        let started = ContinuousClock.now
        let run = try SluiceProcess(["run", load.path, "--log-format", "json"], in: load.folder.path)
        let result = try await run.finish(within: .seconds(30))
        #expect(ContinuousClock.now - started < .seconds(15))
        #expect(result.status == 1, "\(result.errors)")
        #expect(result.errorCode == "lock_timeout", "\(result.errors)")
        #expect(result.errors.contains(#""table":"\#(load.table)""#), "\(result.errors)")
        #expect(try await LockHolder.waiters(on: load.table) == 0)
        await lock.release()
        #expect(try await Psql.scalar("SELECT count(*) FROM \(load.table)") == "0")
        try await load.remove()
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalEndsARunWaitingForATableLockAndLeavesNoBackendQueued(signal: Int32) async throws {
        let load = try await LockedLoad(lockTimeout: nil)
        let lock = try await LockHolder(table: load.table)
        let run = try SluiceProcess(["run", load.path], in: load.folder.path)
        try await waitUntil { try await LockHolder.waiters(on: load.table) == 1 } else: { run.errorsSoFar }
        let signalled = ContinuousClock.now
        run.send(signal)
        let result = try await run.finish(within: .seconds(30))
        #expect(ContinuousClock.now - signalled < .seconds(8), "the run took longer than a few seconds to stop")
        #expect(result.status == 130, "\(result.errors)")
        #expect(try await LockHolder.waiters(on: load.table) == 0, "the run's statement still waits on the server")
        let history = try await SluiceProcess.run(["runs", load.path, "--format", "json"], in: load.folder.path)
        #expect((try JSONParser.parse(history.output)["runs"]?.arrayOrEmpty ?? []).first?["outcome"] == .string("interrupted"))
        await lock.release()
        #expect(try await Psql.scalar("SELECT count(*) FROM \(load.table)") == "0")
        try await load.remove()
    }

    @Test func aKilledRunWaitingForATableLockLeavesNoBackendQueued() async throws {
        let load = try await LockedLoad(lockTimeout: nil)
        let lock = try await LockHolder(table: load.table)
        let run = try SluiceProcess(["run", load.path], in: load.folder.path)
        try await waitUntil { try await LockHolder.waiters(on: load.table) == 1 } else: { run.errorsSoFar }
        run.send(SIGKILL)
        _ = await run.finish()
        // The server notices the client is gone while the backend waits (client_connection_check_interval).
        try await waitUntil(timeout: .seconds(15)) { try await LockHolder.waiters(on: load.table) == 0 } else: {
            "the killed run's backend still waits for the lock"
        }
        await lock.release()
        try await load.remove()
    }
}
