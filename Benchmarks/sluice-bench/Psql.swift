import Foundation

/// Runs `psql` (the baseline's client, and the benchmark's setup and checks) against the server
/// of the `PG*` environment variables.
enum Psql {
    /// The client: `$PSQL`, else `/usr/bin/psql`.
    static var path: String { ProcessInfo.processInfo.environment["PSQL"] ?? "/usr/bin/psql" }

    /// Runs one command (SQL or a backslash command such as `\copy`), without reading `~/.psqlrc`,
    /// stopping at the first error.
    /// - Returns: what psql printed, unaligned, tuples only, trimmed.
    /// - Throws: ``BenchmarkError`` with psql's message when it fails.
    @discardableResult
    static func run(_ command: String) async throws -> String {
        try await Command.run(path, ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", command], describing: command)
    }

    /// Deletes what the runs of `pipeline` committed to Sluice's state in this server, so that the
    /// next run does every window again (a state left by an earlier run would make it skip them).
    static func forgetState(of pipeline: String) async throws {
        try await run("DO $$ BEGIN IF to_regclass('sluice.sluice_state') IS NOT NULL THEN "
            + "DELETE FROM sluice.sluice_state WHERE pipeline = '\(pipeline)'; END IF; END $$")
    }

    /// - Throws: ``BenchmarkError`` telling `benchmark` how to get a server when `PGHOST` is not set.
    static func requireServer(for benchmark: String) throws {
        guard ProcessInfo.processInfo.environment["PGHOST"] != nil else {
            throw BenchmarkError("\(benchmark) needs a server in PGHOST (and PGPORT, PGUSER, PGDATABASE): run it through"
                + " scripts/bench, which starts a throwaway one")
        }
    }
}
