import Foundation
import GongModel
import SluiceCore

/// Counts calls of the company's current day against the daily quota, across runs, in the
/// state store (`gong:<host>`), and refuses a call that would exceed it.
actor DailyCallBudget {
    private let store: any StateStore
    private let name: String
    private let perDay: Int
    private let zone: CompanyZone
    private var day: CalendarDate?
    private var used = 0

    init(store: any StateStore, name: String, perDay: Int, zone: CompanyZone) {
        self.store = store
        self.name = name
        self.perDay = perDay
        self.zone = zone
    }

    /// One call counted against a day's quota.
    struct Reservation: Sendable {
        /// The company's day it counts on.
        let day: CalendarDate
        /// The calls left that day after it.
        let remaining: Int
    }

    /// Counts one call against today's quota.
    /// - Throws: ``SluiceError`` `.gongQuota` (exit 3) when today's quota is spent.
    func reserve() async throws -> Reservation {
        let today = zone.today()
        if day != today {
            let stored = try await store.usage(budget: name, day: today)
            // Another call may have started the day while this one was reading the store.
            used = day == today ? max(used, stored) : stored
            day = today
        }
        guard used < perDay else { throw exhausted(today) }
        used += 1
        used = max(used, try await store.addUsage(budget: name, day: today, calls: 1))
        return Reservation(day: today, remaining: max(0, perDay - used))
    }

    /// Gives back the call of `reservation`, which never reached Gong (the connection was refused).
    /// - Returns: the calls left on its day.
    func refund(_ reservation: Reservation) async throws -> Int {
        let total = try await store.addUsage(budget: name, day: reservation.day, calls: -1)
        if day == reservation.day { used = total }
        return max(0, perDay - total)
    }

    private func exhausted(_ today: CalendarDate) -> SluiceError {
        let resume = zone.startOfDay(today.adding(days: 1))
        return SluiceError(
            .gongQuota, "the daily quota of \(perDay) Gong API calls is spent for \(today) (\(zone.identifier))",
            context: [("budget", name), ("resumeAt", resume.description)],
            hint: "rerun after \(resume) to resume; raise rateLimit.perDay only if the company's quota is higher",
            outcome: .quotaExhausted)
    }
}
