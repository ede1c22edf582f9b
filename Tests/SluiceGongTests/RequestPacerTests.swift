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

    @Test func callsAreSpacedAtTheConfiguredRateWithAMargin() {
        var schedule = Schedule(perSecond: 10, start: zero)
        let starts = (0..<3).map { _ in schedule.reserve(at: zero).start }
        #expect(starts == [at(0), at(105), at(210)])
        // A call asking later than its turn starts at once.
        #expect(schedule.reserve(at: at(1000)).start == at(1000))
    }

    @Test func a429PausesEveryCallForRetryAfterAndHalvesTheRateOnce() {
        var schedule = Schedule(perSecond: 10, start: zero)
        let first = schedule.reserve(at: zero)
        let second = schedule.reserve(at: zero)
        let third = schedule.reserve(at: zero)
        schedule.throttled(first, at: at(300), pause: .seconds(1))
        #expect(schedule.rate == 5)
        #expect(schedule.pausedUntil == at(1300))
        // The starts granted before the 429 no longer hold: their calls ask again.
        #expect(!schedule.holds(second, at: at(105)) && !schedule.holds(third, at: at(1400)))
        // A 429 to a call sent at the old rate pauses again but lowers the rate no further.
        schedule.throttled(second, at: at(400), pause: .seconds(1))
        #expect(schedule.rate == 5)
        #expect(schedule.pausedUntil == at(1400))
        let again = schedule.reserve(at: at(500))
        #expect(again.start == at(1400))
        #expect(schedule.reserve(at: at(500)).start == at(1610))
        #expect(schedule.holds(again, at: at(1400)))
        // A 429 to a call sent at the new rate halves it again.
        schedule.throttled(again, at: at(1450), pause: .seconds(1))
        #expect(schedule.rate == 2.5)
    }

    @Test func answeredCallsBringTheRateBackGraduallyToTheCeiling() throws {
        var schedule = Schedule(perSecond: 10, start: zero)
        schedule.throttled(schedule.reserve(at: zero), at: zero, pause: .zero)
        var rates = [schedule.rate]
        for _ in 0..<200 {
            schedule.answered()
            rates.append(schedule.rate)
        }
        #expect(rates[1] > 5 && rates[1] < 5.2, "a twentieth of the ceiling per second of calls: \(rates[1])")
        #expect(zip(rates, rates.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(rates.last == 10 && rates.allSatisfy { $0 <= 10 })
        // About ten seconds of calls make good one halving: a call takes 1/rate seconds.
        let index = try #require(rates.firstIndex(of: 10))
        let seconds = rates[..<index].reduce(0) { $0 + 1 / $1 }
        #expect(seconds > 8 && seconds < 12, "\(seconds) s")
    }

    @Test func endless429sBringTheRateDownToAFloorNeverToZero() {
        var schedule = Schedule(perSecond: 3, start: zero)
        for step in 0..<20 {
            schedule.throttled(schedule.reserve(at: at(step * 10_000)), at: at(step * 10_000), pause: .seconds(1))
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
