/// One record of the day-by-day endpoint: a user and every day of the requested range.
public struct GongUserActivity: Sendable, Hashable {
    /// The user's id, digit for digit (up to 20 digits).
    public let userId: String
    /// `userEmailAddress`.
    public let emailAddress: String
    /// One entry per day of the range, in order.
    public let days: [GongDayActivity]

    /// A record from its parts.
    public init(userId: String, emailAddress: String, days: [GongDayActivity]) {
        self.userId = userId
        self.emailAddress = emailAddress
        self.days = days
    }
}
