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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", command]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: BenchmarkError("cannot run \(path): \(error)"))
            }
        }
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard status == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw BenchmarkError("psql failed (exit \(status)) on \(command.prefix(80)): "
                + message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return printed.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
