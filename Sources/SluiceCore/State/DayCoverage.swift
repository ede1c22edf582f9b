/// The days a sink has committed: sorted, disjoint ranges that do not touch, however the windows
/// that committed them were cut. A later run with other window sizes or start dates compares its
/// windows with this, day by day, so that a day is never read twice for a sink that would keep it twice.
public struct DayCoverage: Sendable, Equatable, CustomStringConvertible {
    /// The covered days, sorted and merged.
    public private(set) var ranges: [DateRange]
    /// Whether the single window of a source without dates (``Window/whole``) was committed.
    public private(set) var coversWhole: Bool

    /// Nothing covered.
    public static let empty = DayCoverage(ranges: [], coversWhole: false)

    private init(ranges: [DateRange], coversWhole: Bool) {
        self.ranges = ranges
        self.coversWhole = coversWhole
    }

    /// The union of the days of `windows`.
    public init(_ windows: some Sequence<Window>) {
        var merged: [DateRange] = []
        var whole = false
        for days in windows.compactMap({ window -> DateRange? in
            if window.days == nil { whole = true }
            return window.days
        }).sorted() where days.dayCount > 0 {
            if let last = merged.last, days.from <= last.to {
                merged[merged.count - 1] = DateRange(from: last.from, to: max(last.to, days.to))
            } else {
                merged.append(days)
            }
        }
        self.init(ranges: merged, coversWhole: whole)
    }

    /// Whether every day of `window` is covered.
    public func covers(_ window: Window) -> Bool {
        guard let days = window.days else { return coversWhole }
        return days.dayCount == 0 || ranges.contains { $0.from <= days.from && days.to <= $0.to }
    }


    /// The days covered both here and in `other`.
    public func intersection(_ other: DayCoverage) -> DayCoverage {
        var common: [DateRange] = []
        var left = ranges[...]
        var right = other.ranges[...]
        while let a = left.first, let b = right.first {
            let from = max(a.from, b.from)
            let to = min(a.to, b.to)
            if from < to { common.append(DateRange(from: from, to: to)) }
            if a.to <= b.to { left.removeFirst() } else { right.removeFirst() }
        }
        return DayCoverage(ranges: common, coversWhole: coversWhole && other.coversWhole)
    }

    /// The days where coverage starts or stops strictly inside `days`: cutting `days` there gives
    /// pieces that are each either wholly covered or wholly not.
    public func edges(inside days: DateRange) -> [CalendarDate] {
        ranges.flatMap { [$0.from, $0.to] }.filter { days.from < $0 && $0 < days.to }
    }

    /// The number of covered days.
    public var dayCount: Int { ranges.reduce(0) { $0 + $1.dayCount } }

    /// `2024-01-01..2024-03-01, 2024-04-01..2024-05-01`, `all` or `nothing`.
    public var description: String {
        if ranges.isEmpty { return coversWhole ? "all" : "nothing" }
        return ranges.map(\.description).joined(separator: ", ")
    }
}

extension Window {
    /// What is left of the window once the days of `range` are forgotten: nothing, or the one or
    /// two pieces outside it. The whole-input window of an undated source overlaps every range.
    public func removing(_ range: DateRange) -> [Window] {
        guard let days else { return [] }
        guard days.overlaps(range) else { return [self] }
        var rest: [Window] = []
        if days.from < range.from { rest.append(Window(days: DateRange(from: days.from, to: range.from))) }
        if range.to < days.to { rest.append(Window(days: DateRange(from: range.to, to: days.to))) }
        return rest
    }
}
