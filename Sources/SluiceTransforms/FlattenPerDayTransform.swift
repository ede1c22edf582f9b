public import SluiceCore

/// `flatten.perDay`: one row per user and day of the raw Gong records, with the fifteen
/// activity counts (and, on request, the call ids behind them).
public struct FlattenPerDayTransform: TransformPlugin {
    public static let type = "flatten.perDay"
    public static let summary = "One row per user and day of raw Gong activity records, with one count per activity."
    public static let options = [
        OptionSpec("includeCallIds", .boolean, default: .bool(false),
                   "Also write each activity's call ids, as text[] columns named with an _ids suffix."),
        OptionSpec("skipEmptyDays", .boolean, default: .bool(false), "Drop the days on which all fifteen lists are empty."),
    ]
    public static let notes = [
        "Input: the raw records of gong.activity (or an ndjson file of them): userId, userEmailAddress, userDailyActivityStats.",
        "Columns: user_id, user_email, day, day_start, day_end, then "
            + GongActivitySchema.activities.map(\.column).joined(separator: ", ")
            + " (int); with includeCallIds, then the same names with an _ids suffix (text[]).",
        "day is the date of fromDate in the offset Gong wrote, never a UTC date; day_start and day_end keep instant and offset.",
        "Ids stay text, digit for digit, whether Gong sent strings or bare numbers. Missing or null lists count as empty.",
        "A record it cannot read exactly stops the run with a bad_record error naming the user, the day and the field.",
        "Natural key: (user_id, day). Streams: holds nothing between batches.",
    ]

    /// Whether the fifteen `_ids` columns are written.
    public let includeCallIds: Bool
    /// Whether days without any activity are dropped.
    public let skipEmptyDays: Bool

    /// - Parameters:
    ///   - includeCallIds: Also write the call ids of each activity.
    ///   - skipEmptyDays: Drop days on which all fifteen lists are empty.
    public init(includeCallIds: Bool = false, skipEmptyDays: Bool = false) {
        self.includeCallIds = includeCallIds
        self.skipEmptyDays = skipEmptyDays
    }

    public init(config: PluginConfig) {
        self.init(includeCallIds: config.bool("includeCallIds") ?? false, skipEmptyDays: config.bool("skipEmptyDays") ?? false)
    }

    /// The columns of the rows: see ``notes``.
    public var schema: Schema {
        let activities = GongActivitySchema.activities
        let counts = activities.map { Field($0.column, .int) }
        let ids = includeCallIds ? activities.map { Field($0.idsColumn, .textArray) } : []
        return Schema(GongActivitySchema.dayColumns + counts + ids, naturalKey: ["user_id", "day"])
    }

    /// - Throws: an `incompatible` ``ConfigIssue`` when `input` is not raw Gong records.
    public func outputSchema(for input: Schema) throws -> Schema {
        _ = try GongActivitySchema.rawPositions(in: input, transform: Self.type)
        return schema
    }

    public func makeProcessor(input: Schema) throws -> any BatchProcessor {
        FlattenPerDayProcessor(
            reader: try GongRecordReader(input: input, transform: Self.type), includeCallIds: includeCallIds, skipEmptyDays: skipEmptyDays
        )
    }
}
