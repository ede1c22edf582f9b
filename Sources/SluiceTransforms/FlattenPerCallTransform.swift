import GongModel
public import SluiceCore

/// `flatten.perCall`: one row per user, day, activity and call id of the raw Gong records.
public struct FlattenPerCallTransform: TransformPlugin {
    public static let type = "flatten.perCall"
    public static let summary = "One row per user, day, activity and call of raw Gong activity records."
    public static let options: [OptionSpec] = []
    public static let notes = [
        "Input: the raw records of gong.activity (or an ndjson file of them): userId, userEmailAddress, userDailyActivityStats.",
        "Columns: user_id, user_email, day, day_start, day_end, activity (Gong's list name, e.g. callsAsHost), call_id.",
        "day is the date of fromDate in the offset Gong wrote, never a UTC date; day_start and day_end keep instant and offset.",
        "Ids stay text, digit for digit, whether Gong sent strings or bare numbers. Missing or null lists give no rows.",
        "A record it cannot read exactly stops the run with a bad_record error naming the user, the day and the field.",
        "Natural key: (user_id, day, activity, call_id); a call listed twice in one list gives two rows (add dedupe)."
            + " A postgres key must cover it.",
        "Streams: holds nothing between batches.",
    ]

    /// The columns of the rows: see ``notes``.
    public static let schema = Schema(
        GongActivitySchema.dayColumns + [Field("activity", .text), Field("call_id", .text)],
        naturalKey: ["user_id", "day", "activity", "call_id"]
    )

    /// A `flatten.perCall` transform (it has no options).
    public init() {}

    public init(config: PluginConfig) {
        self.init()
    }

    /// - Throws: an `incompatible` ``ConfigIssue`` when `input` is not raw Gong records.
    public func outputSchema(for input: Schema) throws -> Schema {
        _ = try GongActivitySchema.rawPositions(in: input, transform: Self.type)
        return Self.schema
    }

    public func makeProcessor(input: Schema) throws -> any BatchProcessor {
        FlattenPerCallProcessor(reader: try GongRecordReader(input: input, transform: Self.type))
    }
}
