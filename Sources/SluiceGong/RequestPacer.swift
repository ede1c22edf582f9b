/// Paces the calls of every window in flight on one ``PacingSchedule``: each call waits for its
/// start on `clock`, and reports a 429 so that all the others slow down with it.
actor RequestPacer<C: Clock> where C.Duration == Duration {
    private let clock: C
    private var schedule: PacingSchedule<C.Instant>

    init(perSecond: Double, clock: C) {
        self.clock = clock
        schedule = PacingSchedule(perSecond: perSecond, start: clock.now)
    }

    /// The rate now, in calls per second.
    var rate: Double { schedule.rate }

    /// Waits for the caller's turn: callers that wake together take turns, and a 429 meanwhile
    /// (a pause, a lower rate) makes them wait longer.
    /// - Returns: the slot to report the call's answer with.
    /// - Throws: `CancellationError` when the task is cancelled while waiting.
    func acquire() async throws -> PacingSchedule<C.Instant>.Slot {
        while true {
            if let slot = schedule.start(at: clock.now) { return slot }
            try await clock.sleep(until: schedule.nextStart, tolerance: nil)
        }
    }

    /// A call was answered (not with a 429).
    func answered() {
        schedule.answered()
    }

    /// The call of `slot` got a 429: every call waits `pause`, and the rate goes down.
    /// - Returns: the rate after it, in calls per second.
    @discardableResult
    func throttled(_ slot: PacingSchedule<C.Instant>.Slot, pause: Duration) -> Double {
        schedule.throttled(slot, at: clock.now, pause: pause)
        return schedule.rate
    }
}
