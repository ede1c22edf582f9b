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

extension SluiceError.Code {
    public static let rangeNotSupported = Self(rawValue: "bad_range")
}
