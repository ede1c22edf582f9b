import Foundation
import SluiceCore
import SluiceTestKit

/// Another session holding a lock on a table, as a colleague's long transaction would: a `psql`
/// of its own that took the lock in an open transaction, and rolls it back when released.
final class LockHolder {
    private let process = Process()
    private let exit = Latch()
    private let input = Pipe()

    /// Opens a transaction that takes `mode` on `table` and waits until the server granted it.
    init(table: String, mode: String = "ACCESS EXCLUSIVE") async throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1"]
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.terminationHandler = { [exit] _ in exit.open() }
        try process.run()
        try input.fileHandleForWriting.write(contentsOf: Data("BEGIN;\nLOCK TABLE \(table) IN \(mode) MODE;\n".utf8))
        try await waitUntil {
            try await Psql.scalar("SELECT count(*) FROM pg_locks WHERE granted AND relation = to_regclass(\(Psql.literal(table)))"
                + " AND pid <> pg_backend_pid()") == "1"
        } else: { "psql did not get the lock on \(table)" }
    }

    /// Ends the session (its transaction rolls back) and waits for psql to exit.
    func release() async {
        try? input.fileHandleForWriting.close()
        await exit.wait()
    }

    /// The sessions waiting for a lock on `table`.
    static func waiters(on table: String) async throws -> Int {
        let sql = "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = to_regclass(\(Psql.literal(table)))"
        return Int(try await Psql.scalar(sql) ?? "") ?? -1
    }
}
