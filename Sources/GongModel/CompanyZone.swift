public import Foundation
public import SluiceCore

/// A company's IANA time zone, as Gong applies it to dates: what "today" is, and the
/// offset-stamped bounds of each calendar day (23 or 25 hours long around a DST change).
public struct CompanyZone: Sendable, Hashable {
    /// The Foundation zone.
    public let timeZone: TimeZone

    /// The zone called `identifier` (`America/Los_Angeles`); `nil` when Foundation does not know it.
    public init?(identifier: String) {
        guard let timeZone = TimeZone(identifier: identifier) else { return nil }
        self.timeZone = timeZone
    }

    /// UTC.
    public static let utc = CompanyZone(identifier: "UTC")!

    /// The IANA identifier.
    public var identifier: String { timeZone.identifier }

    /// The calendar date in this zone at `instant`.
    public func date(at instant: Date) -> CalendarDate {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: instant)
        return CalendarDate(daysSinceEpoch: Int((Double(seconds) / 86_400).rounded(.down)))
    }

    /// Today's date in this zone.
    public func today() -> CalendarDate { date(at: Date()) }

    /// The instant at which `day` begins in this zone, with the offset in force then.
    public func startOfDay(_ day: CalendarDate) -> Timestamp {
        let localMidnight = Int64(day.daysSinceEpoch) * 86_400
        var offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(localMidnight)))
        // Refine once: the offset in force at the real instant may differ near a change.
        offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(localMidnight - Int64(offset))))
        return Timestamp(epochSeconds: localMidnight - Int64(offset), offsetSeconds: Int32(offset))
    }

    /// Seconds from `instant` until the next midnight in this zone (at least 1).
    public func secondsUntilNextDay(from instant: Date) -> Int {
        let next = startOfDay(date(at: instant).adding(days: 1))
        return max(1, Int((Double(next.epochSeconds) - instant.timeIntervalSince1970).rounded(.up)))
    }
}
