import Testing
import SluiceCore

@Suite struct DateAndTimestampTests {
    @Test(arguments: ["1970-01-01", "2024-02-29", "2000-12-31", "1900-03-01", "2399-12-31"])
    func datesRoundTrip(text: String) throws {
        let date = try #require(CalendarDate(text))
        #expect(date.description == text)
        #expect(CalendarDate(daysSinceEpoch: date.daysSinceEpoch) == date)
    }

    @Test(arguments: ["2023-02-29", "2024-13-01", "2024-1-01", "24-01-01", "2024-01-32", "2024/01/01", ""])
    func invalidDatesAreRejected(text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test func dayArithmeticCrossesMonthsAndLeapDays() throws {
        let date = try #require(CalendarDate("2024-02-28"))
        #expect(date.adding(days: 1).description == "2024-02-29")
        #expect(date.adding(days: 2).description == "2024-03-01")
        #expect(date.days(to: try #require(CalendarDate("2025-02-28"))) == 366)
    }

    @Test(arguments: [
        ("2024-03-10T00:00:00-08:00", "2024-03-10", Int32(-28800)),
        ("2024-03-11T00:00:00-07:00", "2024-03-11", Int32(-25200)),
        ("2024-03-04T00:00:00+05:30", "2024-03-04", Int32(19800)),
        ("2024-03-04T00:00:00Z", "2024-03-04", Int32(0)),
        ("2024-03-04T23:59:59.125-08:00", "2024-03-04", Int32(-28800)),
    ])
    func timestampsKeepOffsetAndLocalDate(text: String, day: String, offset: Int32) throws {
        let timestamp = try #require(Timestamp(iso8601: text))
        #expect(timestamp.description == text)
        #expect(timestamp.localDate.description == day)
        #expect(timestamp.offsetSeconds == offset)
    }

    @Test func aDaylightSavingDayLasts23Hours() throws {
        let start = try #require(Timestamp(iso8601: "2024-03-10T00:00:00-08:00"))
        let end = try #require(Timestamp(iso8601: "2024-03-11T00:00:00-07:00"))
        #expect(end.epochSeconds - start.epochSeconds == 23 * 3600)
    }

    @Test func fractionsKeepNanoseconds() throws {
        let timestamp = try #require(Timestamp(iso8601: "2024-01-01T00:00:00.000000001Z"))
        #expect(timestamp.nanoseconds == 1)
        #expect(timestamp.description == "2024-01-01T00:00:00.000000001Z")
    }

    @Test(arguments: ["2024-03-04", "2024-03-04T25:00:00Z", "2024-03-04T00:00:00", "2024-03-04T00:00:00+5:30", "2024-03-04T00:00:00.Z"])
    func malformedTimestampsAreRejected(text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }

    @Test func rangesSplitIntoWindows() throws {
        let range = DateRange(from: try #require(CalendarDate("2024-01-01")), to: try #require(CalendarDate("2024-03-01")))
        let windows = range.split(every: 30)
        #expect(windows.map(\.description) == ["2024-01-01..2024-01-31", "2024-01-31..2024-03-01"])
        #expect(windows.map(\.dayCount).reduce(0, +) == range.dayCount)
        #expect(Window(key: windows[0].description) == Window(days: windows[0]))
    }
}
