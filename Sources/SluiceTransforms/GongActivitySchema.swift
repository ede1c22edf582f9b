public import SluiceCore

/// The raw records of Gong's day-by-day activity endpoint, as the `gong.activity` source emits
/// them and as the flatten transforms read them.
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

    /// The schema of the source's batches.
    public static let raw = Schema([Field(userIdField, .text), Field(emailField, .text), Field(daysField, .json)])

    /// One of the fifteen lists of call ids of a day.
    public struct Activity: Sendable, Hashable {
        /// Gong's name of the list (`callsAsHost`); also the `activity` value of `flatten.perCall`.
        public let name: String
        /// The snake-case column of its count in `flatten.perDay` (`calls_as_host`).
        public let column: String

        /// The column of its call ids in `flatten.perDay` with `includeCallIds` (`calls_as_host_ids`).
        public var idsColumn: String { column + "_ids" }
    }

    /// The fifteen lists, in the order of Gong's spec.
    public static let activities: [Activity] = [
        Activity(name: "callsAsHost", column: "calls_as_host"),
        Activity(name: "callsGaveFeedback", column: "calls_gave_feedback"),
        Activity(name: "callsRequestedFeedback", column: "calls_requested_feedback"),
        Activity(name: "callsReceivedFeedback", column: "calls_received_feedback"),
        Activity(name: "ownCallsListenedTo", column: "own_calls_listened_to"),
        Activity(name: "othersCallsListenedTo", column: "others_calls_listened_to"),
        Activity(name: "callsSharedInternally", column: "calls_shared_internally"),
        Activity(name: "callsSharedExternally", column: "calls_shared_externally"),
        Activity(name: "callsAttended", column: "calls_attended"),
        Activity(name: "callsCommentsGiven", column: "calls_comments_given"),
        Activity(name: "callsCommentsReceived", column: "calls_comments_received"),
        Activity(name: "callsMarkedAsFeedbackGiven", column: "calls_marked_as_feedback_given"),
        Activity(name: "callsMarkedAsFeedbackReceived", column: "calls_marked_as_feedback_received"),
        Activity(name: "callsScorecardsFilled", column: "calls_scorecards_filled"),
        Activity(name: "callsScorecardsReceived", column: "calls_scorecards_received"),
    ]

    /// The columns every flattened row starts with: who and which day.
    static let dayColumns = [
        Field("user_id", .text), Field("user_email", .text), Field("day", .date),
        Field("day_start", .timestamptz), Field("day_end", .timestamptz),
    ]

    /// The positions of the raw Gong fields that `transform` reads in `input`.
    /// - Throws: an ``ConfigIssue/Code/incompatible`` issue at the transform's block when one is
    ///   absent or the days are not json.
    static func rawPositions(in input: Schema, transform: String) throws(ConfigIssue)
        -> (userId: Int, email: Int, days: Int)
    {
        var problems: [String] = []
        let missing = [userIdField, emailField, daysField].filter { input.index(of: $0) == nil }
        if !missing.isEmpty { problems.append("it lacks " + missing.joined(separator: ", ")) }
        if let position = input.index(of: daysField), input.fields[position].type != .json {
            problems.append("its field \(daysField) is \(input.fields[position].type.rawValue), not json")
        }
        if problems.isEmpty, let userId = input.index(of: userIdField), let email = input.index(of: emailField),
           let days = input.index(of: daysField)
        {
            return (userId, email, days)
        }
        throw ConfigIssue(
            .incompatible, at: "",
            "\(transform) reads raw Gong activity records, but the input (\(input)) is not one: \(problems.joined(separator: "; "))",
            hint: "put \(transform) first, on the records of the gong.activity source or of an ndjson file of them"
        )
    }
}
