/// Spaces calls evenly so that no second sees more than `perSecond` of them: a token bucket of
/// one token, shared by every window in flight.
///
/// The spacing has a 5% margin, so that network jitter cannot push two calls into one second
/// of the server's count.
actor RequestPacer {
    private let interval: Duration
    private var nextSlot: ContinuousClock.Instant

    init(perSecond: Double) {
        interval = .seconds(1.05 / perSecond)
        nextSlot = .now
    }

    /// Waits for the caller's turn.
    /// - Throws: `CancellationError` when the task is cancelled while waiting.
    func acquire() async throws {
        let now = ContinuousClock.now
        let slot = max(now, nextSlot)
        nextSlot = slot + interval
        if slot > now { try await Task.sleep(until: slot, clock: .continuous) }
    }
}
