public import SluiceCore

/// The raw records of Gong's day-by-day activity endpoint, as the emulator serves them, the
/// `gong.activity` source emits them and the flatten transforms read them.
///
/// One record per user per window: `userId` (text, or a JSON number for ids read from NDJSON),
/// `userEmailAddress` and `userDailyActivityStats`, the list of the user's days as Gong sent it.
public enum GongActivitySchema {
    /// The field holding the user's id.
    public static let userIdField = "userId"
    /// The field holding the user's email address.
    public static let emailField = "userEmailAddress"
    /// The field holding the user's days: an array of Gong's day objects.
    public static let daysField = "userDailyActivityStats"
    /// The member of a day object with the day's start (ISO-8601 in the company's offset).
    public static let fromDateKey = "fromDate"
    /// The member of a day object with the day's end (ISO-8601 in the company's offset).
    public static let toDateKey = "toDate"

    /// The schema of the source's batches (and of an NDJSON archive of them).
    public static let raw = Schema([Field(userIdField, .text), Field(emailField, .text), Field(daysField, .json)])

    /// The fifteen lists of call ids of a day, in the order of Gong's spec.
    public static let activities = GongActivityList.allCases
}
