import SluiceCore

/// How a fault bends an otherwise correct page of the day-by-day endpoint.
struct PageTampering: Sendable {
    /// Serve the page that starts this many users before the cursor's offset.
    var rewind = 0
    /// Move every day this many days away from the requested range.
    var dayShift = 0
    /// A day added to every user of the page.
    var extraDay: GongDayActivity?
    /// Send the page's first user again at its end.
    var userTwice = false

    /// No tampering: the page as Gong would send it.
    static let none = PageTampering()

    /// The days the records of a request for `range` carry.
    func days(of range: DateRange) -> DateRange {
        DateRange(from: range.from.adding(days: dayShift), to: range.to.adding(days: dayShift))
    }

    /// The records of a page, with the extra day and the repeated user.
    func apply(to records: [GongUserActivity]) -> [GongUserActivity] {
        var result = records
        if let extraDay {
            result = result.map { GongUserActivity(userId: $0.userId, emailAddress: $0.emailAddress, days: $0.days + [extraDay]) }
        }
        if userTwice, let first = result.first { result.append(first) }
        return result
    }
}
