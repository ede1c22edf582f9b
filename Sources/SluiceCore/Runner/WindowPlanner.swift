/// Cuts the range of a run into windows.
public enum WindowPlanner {
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
        guard size > 0 else { throw SluiceError(.rangeNotSupported, "--window-days must be positive", outcome: .invalid) }
        return DateRange(from: start, to: end).split(every: size).map { Window(days: $0) }
    }
}

extension WindowPlanner {
    /// The windows of an incremental run: the days of the configured range that no window done by
    /// every sink covers yet, plus a re-read of the last `lookbackDays` days before the newest done
    /// day, up to the configured end (or the newest end the source allows).
    ///
    /// - Parameters:
    ///   - committed: the state's commits per sink identity.
    ///   - sinks: the identities of the pipeline's sinks.
    public static func incrementalWindows(for source: any Source, committed: [String: Set<Window>], sinks: [String]) -> [Window] {
        guard let windowing = source.windowing else { return [.whole] }
        let range = windowing.configuredRange
        let covered = doneRanges(committed: committed, sinks: sinks)
        guard let lastDone = covered.last?.to else {
            return range.split(every: windowing.windowDays).map { Window(days: $0) }
        }
        let boundary = min(range.to, max(range.from, lastDone.adding(days: -windowing.lookbackDays)))
        var gaps: [DateRange] = []
        var cursor = range.from
        for done in covered where done.to > cursor && done.from < boundary {
            if done.from > cursor { gaps.append(DateRange(from: cursor, to: min(done.from, boundary))) }
            cursor = max(cursor, done.to)
        }
        if cursor < boundary { gaps.append(DateRange(from: cursor, to: boundary)) }
        if boundary < range.to { gaps.append(DateRange(from: boundary, to: range.to)) }
        return gaps.flatMap { $0.split(every: windowing.windowDays) }.map { Window(days: $0) }
    }

    /// The day ranges done by every sink, sorted and merged.
    public static func doneRanges(committed: [String: Set<Window>], sinks: [String]) -> [DateRange] {
        guard let first = sinks.first else { return [] }
        let everywhere = sinks.dropFirst().reduce(committed[first] ?? []) { $0.intersection(committed[$1] ?? []) }
        var merged: [DateRange] = []
        for range in everywhere.compactMap(\.days).sorted() {
            if let last = merged.last, range.from <= last.to {
                merged[merged.count - 1] = DateRange(from: last.from, to: max(last.to, range.to))
            } else {
                merged.append(range)
            }
        }
        return merged
    }
}

extension SluiceError.Code {
    public static let rangeNotSupported = Self(rawValue: "bad_range")
}
