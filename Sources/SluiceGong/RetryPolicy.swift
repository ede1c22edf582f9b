/// How long to wait before retry number `attempt`: exponential back-off with jitter.
struct RetryPolicy: Sendable {
    /// Retries after the first attempt.
    let maxRetries: Int
    /// The first back-off, in seconds.
    let baseDelay: Double
    /// The longest wait, in seconds, for a 429's `Retry-After` before stopping the run.
    let maxRetryWait: Double
    /// No single back-off is longer than this, in seconds.
    static let maxBackoff = 60.0

    /// The back-off before retry `attempt` (0 for the first retry): half to all of
    /// `baseDelay * 2^attempt`, capped at ``maxBackoff``.
    func backoff(attempt: Int) -> Double {
        let ceiling = min(Self.maxBackoff, baseDelay * Double(1 << min(attempt, 30)))
        return ceiling * Double.random(in: 0.5...1.0)
    }
}
