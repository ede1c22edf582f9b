@testable import SluiceGong
import SluiceTestKit
import Synchronization
import Testing

/// The shared pacer: a 429 to one call slows every call down (the pause of its `Retry-After`, then
/// a halved rate, once per rate), and answered calls bring the rate back gradually. Time is a
/// ``ManualClock``: nothing sleeps.
@Suite struct RequestPacerTests {
    typealias Schedule = PacingSchedule<ManualClock.Instant>
    let zero = ManualClock.Instant(offset: .zero)

    func at(_ milliseconds: Int) -> ManualClock.Instant {
        zero.advanced(by: .milliseconds(milliseconds))
    }

    @Test func callsAreSpacedAtTheConfiguredRateWithAMargin() throws {
        var schedule = Schedule(perSecond: 10, start: zero)
        _ = try schedule.started(at: zero)
        let early = schedule.refuses(at(50))
        #expect(early && schedule.nextStart == at(105))
        // A caller that woke late starts late, and the next one is spaced from it, not from its turn.
        _ = try schedule.started(at: at(180))
        #expect(schedule.nextStart == at(285))
        _ = try schedule.started(at: at(1000))
    }

    @Test func a429PausesEveryCallForRetryAfterAndHalvesTheRateOnce() throws {
        var schedule = Schedule(perSecond: 10, start: zero)
        let first = try schedule.started(at: zero)
        let second = try schedule.started(at: at(105))
        schedule.throttled(first, at: at(300), pause: .seconds(1))
        #expect(schedule.rate == 5)
        #expect(schedule.pausedUntil == at(1300))
        let paused = schedule.refuses(at(1299))
        #expect(paused)
        // A 429 to a call sent at the old rate pauses again but lowers the rate no further.
        schedule.throttled(second, at: at(400), pause: .seconds(1))
        #expect(schedule.rate == 5)
        #expect(schedule.nextStart == at(1400))
        let again = try schedule.started(at: at(1400))
        #expect(schedule.nextStart == at(1610))
        // A 429 to a call sent at the new rate halves it again.
        schedule.throttled(again, at: at(1450), pause: .seconds(1))
        #expect(schedule.rate == 2.5)
    }

    /// The seconds of calls it takes `schedule`, answered one after the other, to reach `target`
    /// calls per second; the rates on the way never fall nor pass the ceiling.
    func secondsToReach(_ target: Double, _ schedule: inout Schedule) -> Double {
        var seconds = 0.0
        while schedule.rate < target, seconds < 1000 {
            let before = schedule.rate
            seconds += 1 / before
            schedule.answered()
            #expect(schedule.rate > before && schedule.rate <= schedule.ceiling)
        }
        return seconds
    }

    @Test func answeredCallsBringTheRateBackFastThenGentlyNearTheLast429sRate() throws {
        var schedule = Schedule(perSecond: 10, start: zero)
        schedule.throttled(try schedule.started(at: zero), at: zero, pause: .zero)
        #expect(schedule.rate == 5 && schedule.limitSeen == 10)
        // Half a unit per second of calls (a twentieth of the ceiling) up to 85% of the rate that met the 429...
        let fast = secondsToReach(8.5, &schedule)
        #expect(fast > 6 && fast < 7.5, "\(fast) s")
        // ...then five times slower, probing the limit.
        let gentle = secondsToReach(10, &schedule)
        #expect(gentle > 13 && gentle < 16, "\(gentle) s")
        #expect(schedule.rate == 10)
    }

    @Test func endless429sBringTheRateDownToAFloorNeverToZero() throws {
        var schedule = Schedule(perSecond: 3, start: zero)
        for step in 0..<20 {
            schedule.throttled(try schedule.started(at: at(step * 100_000)), at: at(step * 100_000), pause: .seconds(1))
        }
        #expect(schedule.rate == 3.0 / 32)
    }

    @Test func everyWaitingCallWaitsOutAPauseThatCameAfterItsTurnWasGiven() async throws {
        let clock = ManualClock()
        let pacer = RequestPacer(perSecond: 10, clock: clock)
        let first = try await pacer.acquire()
        // The next call's turn is 105 ms away; a 429 to the first call then pauses every call for 2 s.
        let started = Mutex(false)
        let next = Task {
            let slot = try await pacer.acquire()
            started.withLock { $0 = true }
            return slot
        }
        try await waitUntil { clock.sleeping == 1 }
        await pacer.throttled(first, pause: .seconds(2))
        clock.advance(by: .milliseconds(105))
        // It woke at its old turn, found the pause, and sleeps again until it ends.
        try await waitUntil { clock.sleeping == 1 }
        #expect(!started.withLock { $0 })
        clock.advance(by: .milliseconds(1894))
        #expect(clock.sleeping == 1 && !started.withLock { $0 })
        clock.advance(by: .milliseconds(1))
        let slot = try await next.value
        #expect(slot.start == ManualClock.Instant(offset: .seconds(2)))
        #expect(await pacer.rate == 5)
    }
}

extension PacingSchedule {
    /// Starts a call at `now`, which the test expects the schedule to allow.
    mutating func started(at now: Instant) throws -> Slot {
        let slot = start(at: now)
        return try #require(slot)
    }

    /// Whether a call asking at `now` must wait (and nothing starts).
    mutating func refuses(_ now: Instant) -> Bool {
        start(at: now) == nil
    }
}
