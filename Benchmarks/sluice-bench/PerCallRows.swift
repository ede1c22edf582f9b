import GongModel
import SluiceCore
import SluiceTransforms

/// Deterministic rows shaped like `flatten.perCall`'s, made batch by batch on demand, so that
/// millions of them never sit in memory at once.
///
/// Row `i` belongs to day `i / (users * callsPerUserDay)` from 2020-01-01 (days bounded at
/// midnight -08:00), to one of `users` users with a 19-digit id, and names one of Gong's fifteen
/// activities and a call id unique to the row: the key `(user_id, day, activity, call_id)` never
/// repeats.
struct PerCallRows: Sendable {
    /// `user_id text, user_email text, day date, day_start timestamptz, day_end timestamptz, activity text, call_id text`.
    static let schema = Schema([
        Field("user_id", .text), Field("user_email", .text), Field("day", .date), Field("day_start", .timestamptz),
        Field("day_end", .timestamptz), Field("activity", .text), Field("call_id", .text),
    ])
    /// The natural key of `flatten.perCall`.
    static let key = ["user_id", "day", "activity", "call_id"]

    /// Rows in all.
    let count: Int
    /// Rows per batch (the last one may be shorter).
    let batchSize: Int
    let callsPerUserDay: Int
    private let userIds: [Value]
    private let emails: [Value]
    private let activities: [Value]

    private static let firstDay = CalendarDate(year: 2020, month: 1, day: 1)!
    private static let offset: Int32 = -8 * 3600

    init(count: Int, batchSize: Int, users: Int = 2_000, callsPerUserDay: Int = 5) {
        self.count = count
        self.batchSize = batchSize
        self.callsPerUserDay = callsPerUserDay
        userIds = (0..<users).map { .string(String(1_230_000_000_000_000_000 as UInt64 + UInt64($0) * 7_919)) }
        emails = (0..<users).map { .string("rep\($0)@acme.example") }
        activities = GongActivitySchema.activities.map { .string($0.name) }
    }

    /// How many batches make the rows.
    var batchCount: Int { (count + batchSize - 1) / batchSize }

    /// Batch `index` (0-based): rows `index * batchSize` up to the next batch's first.
    func batch(_ index: Int) -> RecordBatch {
        let start = index * batchSize
        return RecordBatch(schema: Self.schema, rows: (start..<min(start + batchSize, count)).map(row))
    }

    /// Row `index`.
    func row(_ index: Int) -> [Value] {
        let perDay = userIds.count * callsPerUserDay
        let dayIndex = index / perDay
        let user = index % perDay / callsPerUserDay
        let slot = index % callsPerUserDay
        let day = Self.firstDay.adding(days: dayIndex)
        let start = Int64(day.daysSinceEpoch) * 86_400 - Int64(Self.offset)
        return [
            userIds[user], emails[user], .date(day),
            .timestamp(Timestamp(epochSeconds: start, offsetSeconds: Self.offset)),
            .timestamp(Timestamp(epochSeconds: start + 86_400, offsetSeconds: Self.offset)),
            activities[(user + slot * 4 + dayIndex) % activities.count],
            .string(String(7_000_000_000_000_000_000 as UInt64 + UInt64(index))),
        ]
    }
}
