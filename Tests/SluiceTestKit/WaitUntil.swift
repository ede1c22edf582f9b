import SluiceCore

/// Polls `condition` every 10 ms for up to `timeout`: waits for an observable state (a file, a
/// line a process printed, a row in a database), never for luck.
/// - Parameters:
///   - timeout: how long to wait before giving up (60 s unless told).
///   - condition: the state waited for; may be asynchronous (a database query, say).
///   - explain: what the error says on a time-out (what a process printed, say).
/// - Throws: ``SluiceError`` when the time runs out, or what `condition` throws.
public func waitUntil(
    timeout: Duration = .seconds(60), _ condition: () async throws -> Bool, else explain: () async -> String = { "" }
) async throws {
    let deadline = ContinuousClock.now + timeout
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw SluiceError(.io, "timed out waiting for a condition: \(await explain())") }
        try await Task.sleep(for: .milliseconds(10))
    }
}
