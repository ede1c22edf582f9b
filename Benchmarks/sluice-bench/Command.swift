import Foundation

/// Runs an external program and waits for it without blocking a thread of Swift's pool.
enum Command {
    /// Runs `path` with `arguments`.
    /// - Parameter describing: what to name in an error (the arguments by default); the program's
    ///   printed output must stay small (it is read once the program ends).
    /// - Returns: what the program printed on stdout, trimmed.
    /// - Throws: ``BenchmarkError`` with what it printed on stderr when it fails.
    @discardableResult
    static func run(_ path: String, _ arguments: [String] = [], describing: String? = nil) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
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
            let what = (describing ?? arguments.joined(separator: " ")).prefix(80)
            throw BenchmarkError("\((path as NSString).lastPathComponent) failed (exit \(status)) on \(what): "
                + message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return printed.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
