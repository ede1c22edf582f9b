/// When each Gong call may start: evenly spaced under a rate that adapts to Gong's 429s as TCP's
/// congestion control does (additive increase, multiplicative decrease), shared by every window.
///
/// Gong's limits are the company's, spent by every integration at once, and a 429 is the only
/// signal. A 429 pauses every call for its `Retry-After` and halves the rate; answered calls then
/// give back a twentieth of the configured rate per second, so that one halving is made good in
/// about ten seconds. A run configured above what is left for it settles just under it instead
/// of failing.
///
/// Pure arithmetic on instants: ``RequestPacer`` waits with a clock, tests need none.
struct PacingSchedule<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    /// A start granted to one call.
    struct Slot: Sendable {
        let start: Instant
        /// The ``PacingSchedule/epoch`` it was granted in.
        let epoch: Int
    }

    /// The configured rate, in calls per second: never exceeded.
    let ceiling: Double
    /// The lowest rate that 429s bring it down to.
    let floor: Double
    /// Calls per second the rate regains per second of answered calls.
    let recovery: Double
    /// The rate now, in calls per second.
    private(set) var rate: Double
    /// How many times the rate was lowered. A 429 to a call granted before the last decrease was
    /// sent at the older rate: it pauses the calls again but lowers the rate no further.
    private(set) var epoch = 0
    /// No call starts before this instant (the end of the last `Retry-After`).
    private(set) var pausedUntil: Instant
    private var nextStart: Instant

    /// The spacing keeps a 5% margin, so that network jitter cannot push two calls into one
    /// second of the server's count.
    static var margin: Double { 1.05 }
    /// Each 429 divides the rate by this.
    static var decrease: Double { 2 }

    /// A schedule at `perSecond`, whose first call may start at `start`.
    init(perSecond: Double, start: Instant) {
        ceiling = perSecond
        floor = perSecond / 32
        recovery = perSecond / 20
        rate = perSecond
        pausedUntil = start
        nextStart = start
    }

    /// The spacing of calls at the current rate.
    var interval: Duration { .nanoseconds(Int64((Self.margin / rate * 1e9).rounded())) }

    /// Grants the next start to a call asking at `now`: one interval after the previous one, and
    /// not before the pause ends.
    mutating func reserve(at now: Instant) -> Slot {
        let start = max(now, nextStart, pausedUntil)
        nextStart = start.advanced(by: interval)
        return Slot(start: start, epoch: epoch)
    }

    /// Whether a call may still start at `now` on `slot`: no 429 has lowered the rate or paused
    /// the calls past `now` since it was granted (else it asks again).
    func holds(_ slot: Slot, at now: Instant) -> Bool {
        slot.epoch == epoch && now >= pausedUntil
    }

    /// A call was answered (not with a 429): the rate climbs back towards the ceiling.
    mutating func answered() {
        rate = min(ceiling, rate + recovery / rate)
    }

    /// A call started on `slot` got a 429 at `now`: every call waits `pause`; the rate is halved,
    /// once for all the calls sent at the same rate.
    mutating func throttled(_ slot: Slot, at now: Instant, pause: Duration) {
        let resume = now.advanced(by: pause)
        pausedUntil = max(pausedUntil, resume)
        if slot.epoch == epoch {
            rate = max(floor, rate / Self.decrease)
            epoch += 1
            // Every start granted before is asked for again, spaced at the new rate.
            nextStart = pausedUntil
        } else {
            nextStart = max(nextStart, pausedUntil)
        }
    }
}
