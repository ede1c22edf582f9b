import SluiceCore
import Testing

/// Values for tests, written as literals.
enum Fixtures {
    static func date(_ text: String) -> CalendarDate {
        CalendarDate(text)!
    }

    static func timestamp(_ text: String) -> Timestamp {
        Timestamp(iso8601: text)!
    }

    /// The window of days `from` up to `to` (excluded).
    static func window(_ from: String, _ to: String) -> Window {
        Window(days: DateRange(from: date(from), to: date(to)))
    }

    /// `user_id text, day date, calls int, note text`: the shape of a per-day table, small.
    static let daily = Schema([
        Field("user_id", .text), Field("day", .date), Field("calls", .int), Field("note", .text),
    ])

    /// One row of ``daily``.
    static func daily(_ user: String, _ day: String, _ calls: Int64, _ note: String = "") -> [Value] {
        [.string(user), .date(date(day)), .int(calls), .string(note)]
    }
}
