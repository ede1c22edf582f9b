/// How a dated source cuts runs into windows: its configured range, window size and look-back.
public struct Windowing: Sendable {
    /// The first day to read on a first run (`fromDate`).
    public var from: CalendarDate
    /// The end (excluded) configured in the file; `nil` means ``latestEnd()``.
    public var to: CalendarDate?
    public var windowDays: Int
    /// The window sizes a source may declare and a run may ask for: one day to a leap year.
    public static let windowDaysLimits = 1...366
    /// Days re-read before the last done window on an incremental run.
    public var lookbackDays: Int
    /// The newest end (excluded) the source may be asked for now, for example today in the company's zone.
    public var latestEnd: @Sendable () -> CalendarDate

    public init(
        from: CalendarDate, to: CalendarDate?, windowDays: Int, lookbackDays: Int,
        latestEnd: @escaping @Sendable () -> CalendarDate
    ) {
        self.from = from
        self.to = to
        self.windowDays = windowDays
        self.lookbackDays = lookbackDays
        self.latestEnd = latestEnd
    }

    /// The configured range: `from` to `to`, or to ``latestEnd()`` when `to` is omitted.
    public var configuredRange: DateRange {
        let end = to ?? latestEnd()
        return DateRange(from: from, to: max(from, end))
    }
}
