/// A misbehaviour the emulator applies to one call, queued with ``GongEmulator/inject(_:)``.
///
/// Queued faults hit the next authenticated calls, one fault per call, before any other check.
public enum GongEmulatorFault: Sendable, Hashable {
    /// Answer with this status and a Gong-style error body (500, 502, 503, 504, 403...).
    case status(Int)
    /// Answer 429, with `Retry-After: seconds` or without the header when `nil`.
    case rateLimited(retryAfter: Int?)
    /// Close the connection without answering.
    case drop
    /// Announce the full body, send half of it, then close the connection.
    case truncate
    /// Answer with exactly this status and body (for malformed or oddly typed answers).
    case raw(status: Int, body: String)
}
