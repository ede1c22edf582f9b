/// When each Gong call may start: evenly spaced under a rate that adapts to Gong's 429s as TCP's
/// congestion control does (additive increase, multiplicative decrease), shared by every window.
///
/// Gong's limits are the company's, spent by every integration at once, and a 429 is the only
/// signal. A 429 pauses every call for its `Retry-After` and halves the rate; answered calls then
/// give back a twentieth of the configured rate per second, five times slower once the rate is
/// near the one that met the last 429 (probing the limit gently, as TCP CUBIC does). A run
/// configured above what is left for it settles just under it, with few 429s, instead of failing.
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
    /// The rate that met the last 429, if any.
    private(set) var limitSeen: Double?
    /// How many times the rate was lowered. A 429 to a call started before the last decrease was
    /// sent at the older rate: it pauses the calls again but lowers the rate no further.
    private(set) var epoch = 0
    /// No call starts before this instant (the end of the last `Retry-After`).
    private(set) var pausedUntil: Instant
    /// When the last call started, if any.
    private var lastStart: Instant?

    /// The spacing keeps a 5% margin, so that network jitter cannot push two calls into one
    /// second of the server's count.
    static var margin: Double { 1.05 }
    /// Each 429 divides the rate by this.
    static var decrease: Double { 2 }
    /// From this share of ``limitSeen`` on, the rate climbs five times slower.
    static var nearLimit: Double { 0.85 }

    /// A schedule at `perSecond`, whose first call may start at `start`.
    init(perSecond: Double, start: Instant) {
        ceiling = perSecond
        floor = perSecond / 32
        recovery = perSecond / 20
        rate = perSecond
        pausedUntil = start
    }

    /// The spacing of calls at the current rate.
    var interval: Duration { .nanoseconds(Int64((Self.margin / rate * 1e9).rounded())) }

    /// The earliest instant the next call may start: one interval after the last start (as it
    /// really happened: a caller that woke late does not let the next one catch up), and not
    /// before the pause ends.
    var nextStart: Instant {
        lastStart.map { max($0.advanced(by: interval), pausedUntil) } ?? pausedUntil
    }

    /// Starts a call at `now` when the schedule allows it; `nil` when it must wait for ``nextStart``.
    mutating func start(at now: Instant) -> Slot? {
        guard now >= nextStart else { return nil }
        lastStart = now
        return Slot(start: now, epoch: epoch)
    }

    /// A call was answered (not with a 429): the rate climbs back towards the ceiling.
    mutating func answered() {
        let step = recovery / rate
        let probing = limitSeen.map { rate >= $0 * Self.nearLimit } ?? false
        rate = min(ceiling, rate + (probing ? step / 5 : step))
    }

    /// A call started on `slot` got a 429 at `now`: every call waits `pause`; the rate is halved,
    /// once for all the calls sent at the same rate.
    mutating func throttled(_ slot: Slot, at now: Instant, pause: Duration) {
        pausedUntil = max(pausedUntil, now.advanced(by: pause))
        guard slot.epoch == epoch else { return }
        limitSeen = rate
        rate = max(floor, rate / Self.decrease)
        epoch += 1
    }
}
