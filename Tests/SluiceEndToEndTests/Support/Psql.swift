import Foundation
import SluiceCore
import SluiceTestKit
import Testing

/// The PostgreSQL server of the tests, reached with `psql` as a data engineer would check a
/// warehouse: PGHOST, PGPORT, PGUSER and PGDATABASE, which `scripts/test` exports after starting
/// a throwaway server (the `sluice` child processes inherit them too). A test with a server of
/// its own passes that server's variables as `environment`.
enum Psql {
    /// Fails the test, saying how to get a server, when the PG* variables are missing.
    static func requireServer() throws {
        let environment = ProcessInfo.processInfo.environment
        let missing = ["PGHOST", "PGPORT", "PGUSER", "PGDATABASE"].filter { environment[$0]?.isEmpty ?? true }
        try #require(
            missing.isEmpty,
            "end-to-end PostgreSQL tests need \(missing.joined(separator: ", ")): run scripts/test, which starts a throwaway server"
        )
    }

    /// The rows of `sql`, each row's columns joined by a tab (`psql -At`).
    /// - Throws: ``SluiceError`` with what psql printed when it fails.
    static func rows(_ sql: String, environment: [String: String] = [:]) async throws -> [String] {
        let output = try await run(["-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql], environment: environment)
        return output.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// The single value of `sql`.
    static func scalar(_ sql: String) async throws -> String? {
        try await rows(sql).first
    }

    /// Runs statements (several, `;`-separated, are fine).
    static func execute(_ sql: String, environment: [String: String] = [:]) async throws {
        _ = try await run(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], environment: environment)
    }

    /// Whether the session-level advisory lock a run of `pipeline` takes is free: a killed run's
    /// lock goes when the server notices its connection ended, a moment after the kill.
    static func runLockIsFree(pipeline: String) async throws -> Bool {
        let key = "hashtextextended(\(literal("sluice:" + pipeline)), 0)"
        return try await scalar("SELECT CASE WHEN pg_try_advisory_lock(\(key)) THEN pg_advisory_unlock(\(key)) ELSE false END") == "t"
    }

    /// `text` as a SQL string literal.
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    private static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> String {
        try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["psql"] + arguments, environment: environment)
    }
}
