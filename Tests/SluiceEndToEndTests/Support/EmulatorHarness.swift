import GongEmulator
import GongModel
import SluiceCore

/// The Gong emulator of an end-to-end test: started in the test process, over real HTTP on
/// 127.0.0.1, with "today" pinned so that every run sees the same dates.
enum EmulatorHarness {
    /// The company's zone: days are 23 or 25 hours long around its DST changes, and a day's local
    /// date differs from its UTC date.
    static let zone = CompanyZone(identifier: "America/Los_Angeles")!
    /// The emulator's pinned today: after every range the tests read.
    static let today = CalendarDate("2026-01-15")!

    /// A small company (30 users, pages of 8) with faults: 500s on about 5% of the calls and 429s
    /// beyond `ratePerSecond`.
    static func faulty(seed: UInt64, ratePerSecond: Int? = 25, errorRate: Double = 0.05, latencyMilliseconds: Int = 0)
        -> GongEmulatorConfiguration
    {
        GongEmulatorConfiguration(
            users: 30, seed: seed, pageSize: 8, timeZone: zone, ratePerSecond: ratePerSecond, errorRate: errorRate,
            latencyMilliseconds: latencyMilliseconds, today: today
        )
    }
}

extension GongEmulator {
    /// The number of calls a window costs without faults: one per page of active users, and one
    /// (answered 404, "nothing found") when nobody was active.
    func pages(of range: DateRange) -> Int {
        let active = dataset.activeUsers(in: range).count
        return max(1, (active + configuration.pageSize - 1) / configuration.pageSize)
    }
}
