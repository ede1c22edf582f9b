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
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let (outputHandle, errorHandle) = (output.fileHandleForReading, errors.fileHandleForReading)
        async let outputData = Task.detached { outputHandle.readDataToEndOfFile() }.value
        async let errorData = Task.detached { errorHandle.readDataToEndOfFile() }.value
        let (text, problems) = await (String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
        await Task.detached { process.waitUntilExit() }.value
        guard process.terminationStatus == 0 else {
            throw SluiceError(
                .io, "\(executable.lastPathComponent) failed (status \(process.terminationStatus)): \(problems)",
                context: [("arguments", arguments.joined(separator: " "))]
            )
        }
        return text
    }
}
