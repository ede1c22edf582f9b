public import Foundation
import SluiceCore

/// Runs a program to its end, reading both of its outputs while it runs (so that a large output
/// never blocks it), as a test checks a database with `psql`, drives a server with `scripts/` or
/// makes certificates with `openssl`.
public enum ChildProcess {
    /// Runs `executable arguments...` with `environment` added to the test's, stdin from /dev/null.
    /// - Returns: what it printed on stdout.
    /// - Throws: ``SluiceError`` with the command and what it printed on stderr when it exits with a failure.
    public static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:]) async throws -> String {
        let result = try await SluiceProcess(executable: executable, arguments, environment: environment).finish()
        guard result.status == 0 else {
            throw SluiceError(
                .io, "\(executable.lastPathComponent) failed (status \(result.status)): \(result.errors)",
                context: [("arguments", arguments.joined(separator: " "))]
            )
        }
        return result.output
    }
}
