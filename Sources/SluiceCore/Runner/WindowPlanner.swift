/// Cuts the range of a run into windows.
package enum WindowPlanner {
    /// The windows of a run of `source` over `from`..<`to` (the source's configured range when
    /// omitted), `windowDays` days each (the source's own size when omitted).
    /// - Throws: ``SluiceError`` with outcome `.invalid` for a reversed range or one ending after
    ///   the newest day the source may be asked for.
    public static func windows(for source: any Source, from: CalendarDate? = nil, to: CalendarDate? = nil, windowDays: Int? = nil)
        throws -> [Window]
    {
        guard let windowing = source.windowing else {
            guard from == nil, to == nil else {
                throw SluiceError(.rangeNotSupported, "this source has no dates: --from and --to do not apply", outcome: .invalid)
            }
            return [.whole]
        }
        let configured = windowing.configuredRange
        let start = from ?? configured.from
        let end = to ?? (from == nil ? configured.to : windowing.to ?? windowing.latestEnd())
        let latest = windowing.latestEnd()
        guard start <= end else {
            throw SluiceError(.rangeNotSupported, "the range \(start)..\(end) is reversed", hint: "--to is excluded and must come after --from", outcome: .invalid)
        }
        guard end <= latest else {
            throw SluiceError(
                .rangeNotSupported, "the range ends on \(end), after the newest end the source allows (\(latest))",
                hint: "the end date is excluded: --to \(latest) reads up to the day before", outcome: .invalid
            )
        }
        let size = windowDays ?? windowing.windowDays
        guard Windowing.windowDaysLimits.contains(size) else {
            let limits = Windowing.windowDaysLimits
            throw SluiceError(.rangeNotSupported, "--window-days must be between \(limits.lowerBound) and \(limits.upperBound)", outcome: .invalid)
        }
        return DateRange(from: start, to: end).split(every: size).map { Window(days: $0) }
    }
}

extension WindowPlanner {
    /// The windows of an incremental run: the days of the configured range that not every sink
    /// covers yet, plus a re-read of the last `lookbackDays` days before the newest covered day, up
    /// to the configured end (or the newest end the source allows).
    ///
    /// - Parameter done: the days committed by every resuming sink.
    /// - Returns: the windows, and the look-back days as ``WindowSelection/rereading``.
    public static func incrementalWindows(for source: any Source, done: DayCoverage) -> WindowSelection {
        guard let windowing = source.windowing else { return WindowSelection(windows: [.whole]) }
        let range = windowing.configuredRange
        let split = { (ranges: [DateRange]) in ranges.flatMap { $0.split(every: windowing.windowDays) }.map { Window(days: $0) } }
        guard let lastDone = done.ranges.last?.to else { return WindowSelection(windows: split([range])) }
        let boundary = min(range.to, max(range.from, lastDone.adding(days: -windowing.lookbackDays)))
        var gaps: [DateRange] = []
        var cursor = range.from
        for covered in done.ranges where covered.to > cursor && covered.from < boundary {
            if covered.from > cursor { gaps.append(DateRange(from: cursor, to: min(covered.from, boundary))) }
            cursor = max(cursor, covered.to)
        }
        if cursor < boundary { gaps.append(DateRange(from: cursor, to: boundary)) }
        if boundary < range.to { gaps.append(DateRange(from: boundary, to: range.to)) }
        let rereadEnd = min(lastDone, range.to)
        return WindowSelection(windows: split(gaps), rereading: boundary < rereadEnd ? DateRange(from: boundary, to: rereadEnd) : nil)
    }
}

/// The windows a run is asked for, and the days among them that it re-reads on purpose.
package struct WindowSelection: Sendable, Equatable {
    public var windows: [Window]
    /// The look-back of an incremental run: days already committed that sinks which rewrite days
    /// in place get again (Gong counts calls late); other sinks never get a day twice.
    public var rereading: DateRange?

    public init(windows: [Window], rereading: DateRange? = nil) {
        self.windows = windows
        self.rereading = rereading
    }
}

extension SluiceError.Code {
    public static let rangeNotSupported = Self(rawValue: "bad_range")
}
