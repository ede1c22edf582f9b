/// A call to Gong outlasted `callTimeout`, from connecting to the answer's last byte (a server
/// that trickles its answer never trips `readTimeout`): retried like other transient failures.
struct GongCallTimedOut: Error, CustomStringConvertible {
    /// The limit, in seconds.
    let seconds: Double

    var description: String { "the call to Gong took longer than callTimeout (\(seconds) s)" }
}
