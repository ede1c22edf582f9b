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
}

