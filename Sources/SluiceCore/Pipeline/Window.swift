/// A half-open range of calendar days, `from` included, `to` excluded (as in Gong's API).
public struct DateRange: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let from: CalendarDate
    public let to: CalendarDate

    public init(from: CalendarDate, to: CalendarDate) {
        precondition(from <= to, "reversed range \(from)..<\(to)")
        self.from = from
        self.to = to
    }

    /// The number of days in the range.
    public var dayCount: Int { from.days(to: to) }

    public func contains(_ day: CalendarDate) -> Bool { from <= day && day < to }

    public func overlaps(_ other: DateRange) -> Bool { from < other.to && other.from < to }

    /// Cuts the range into consecutive ranges of `days` days; the last may be shorter.
    public func split(every days: Int) -> [DateRange] {
        precondition(days > 0)
        return stride(from: from.daysSinceEpoch, to: to.daysSinceEpoch, by: days).map {
            DateRange(from: CalendarDate(daysSinceEpoch: $0), to: CalendarDate(daysSinceEpoch: min($0 + days, to.daysSinceEpoch)))
        }
    }

    /// `2024-01-01..2024-01-31` (`to` excluded).
    public var description: String { "\(from)..\(to)" }

    public static func < (lhs: DateRange, rhs: DateRange) -> Bool {
        (lhs.from, lhs.to.daysSinceEpoch) < (rhs.from, rhs.to.daysSinceEpoch)
    }
}

/// The unit of commit: the data of one window is written to every sink and committed together.
///
/// A dated source cuts its range into windows of days; a source without dates is read as the
/// single window ``whole``.
public struct Window: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The days of the window; `nil` for the whole input of an undated source.
    public let days: DateRange?

    public init(days: DateRange?) {
        self.days = days
    }

    /// The single window of a source without dates.
    public static let whole = Window(days: nil)

    /// A stable text key, used by state stores: `2024-01-01..2024-01-31` or `all`.
    public var key: String { days?.description ?? "all" }

    /// Parses a ``key``.
    public init?(key: String) {
        if key == "all" {
            self = .whole
            return
        }
        let parts = key.split(separator: ".", omittingEmptySubsequences: true)
        guard parts.count == 2, let from = CalendarDate(parts[0]), let to = CalendarDate(parts[1]), from <= to
        else { return nil }
        self.init(days: DateRange(from: from, to: to))
    }

    public var description: String { key }

    public static func < (lhs: Window, rhs: Window) -> Bool {
        switch (lhs.days, rhs.days) {
        case let (left?, right?): left < right
        case (nil, _?): true
        default: false
        }
    }
}
