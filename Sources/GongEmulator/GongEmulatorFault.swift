/// A misbehaviour the emulator applies to one call, queued with ``GongEmulator/inject(_:)``.
///
/// Queued faults hit the next authenticated calls, one fault per call, before any other check.
public enum GongEmulatorFault: Sendable, Hashable {
    /// Answer this call as usual (to aim the faults queued after it at later pages).
    case normal
    /// Answer with this status and a Gong-style error body (500, 502, 503, 504, 403...).
    case status(Int)
    /// Answer 429, with `Retry-After: seconds` or without the header when `nil`.
    case rateLimited(retryAfter: Int?)
    /// Answer 429 with exactly this `Retry-After` text (twenty digits, an HTTP date in year 9999...).
    case retryAfter(String)
    /// Close the connection without answering.
    case drop
    /// Announce the full body, send half of it, then close the connection.
    case truncate
    /// Send the head at once, then the body one byte every this many milliseconds.
    case trickle(millisecondsPerByte: Int)
    /// Answer with exactly this status and body (for malformed or oddly typed answers).
    case raw(status: Int, body: String)
    /// The right page of users, but their days are those of the requested range moved by this many
    /// days (-366: the same dates a year earlier).
    case shiftDays(Int)
    /// The right page, with this day (bounds as written, one call attended) added to every user.
    case extraDay(fromDate: String, toDate: String)
    /// The right page, with its first user sent again at its end.
    case userTwice
    /// The page that starts this many users before the one the cursor points at, so that it repeats
    /// the end of the page before (a full page size: that whole page again); its cursor follows on.
    case rewind(users: Int)
    /// Whatever the cursor: `users` made-up users never sent before, a fresh cursor, and
    /// `totalRecords` (left out when `nil`): a server that pages forever.
    case runaway(users: Int, totalRecords: Int?)
}
