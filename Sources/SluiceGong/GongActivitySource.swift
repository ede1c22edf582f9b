import GongModel
public import SluiceCore

/// The `gong.activity` source: Gong's day-by-day user activity, one record per user per window.
///
/// Records keep Gong's keys: `userId` (text, digit for digit), `userEmailAddress` (text) and
/// `userDailyActivityStats` (json: one object per day with `fromDate`/`toDate` as Gong wrote
/// them and the fifteen lists of call ids as strings). One batch per API page.
public struct GongActivitySource: SourcePlugin {
    /// `gong.activity`.
    public static let type = "gong.activity"
    /// One line for `sluice plugins`.
    public static let summary = "Gong's day-by-day user activity (POST /v2/stats/activity/day-by-day)."
    /// Guarantees shown under the options in `sluice plugins`.
    public static let notes = [
        "Paces itself under rateLimit.perSecond and counts calls per company day against rateLimit.perDay across runs;"
            + " when the day's quota is spent it stops cleanly (exit 3) and a later run resumes.",
        "Retries 429 (after Retry-After), 5xx, time-outs and dropped connections with exponential back-off and jitter.",
        "Fails a window, never retried, when Gong's answer contradicts the request or itself: a day outside the window"
            + " or twice for a user, a user twice, a repeated cursor, more pages than totalRecords allows.",
        "baseURL \"embedded\" starts a local Gong emulator with demo data: no credentials needed.",
    ]

    /// The schema of every batch: ``GongActivitySchema/raw``.
    public static let recordSchema = GongActivitySchema.raw

    let settings: GongSettings

    /// A source from its validated config block.
    /// - Throws: ``ConfigIssues`` for a reversed or future range, an unknown zone, bad user ids...
    public init(config: PluginConfig) throws {
        settings = try GongSettings(config: config)
    }

    /// Always ``recordSchema``.
    public var schema: Schema { Self.recordSchema }

    /// ``recordSchema``, whatever the block's problems: the records never depend on the options.
    public static func declaredSchema(config: PluginConfig) -> Schema? { recordSchema }

    /// `fromDate`, `toDate` (or today in the zone), `windowDays` and `lookbackDays`.
    public var windowing: Windowing? {
        let settings = settings
        return Windowing(from: settings.fromDate, to: settings.toDate, windowDays: settings.windowDays,
                         lookbackDays: settings.lookbackDays, latestEnd: { settings.latestEnd() })
    }

    /// The `concurrency` option: windows in flight, sharing one pacer.
    public var maxConcurrentWindows: Int { settings.concurrency }

    /// `user_id` limited to `userIds`, when the option lists any.
    public var scope: ScopeFilter? {
        settings.userIds.isEmpty ? nil : ScopeFilter(field: "user_id", values: settings.userIds)
    }

    /// Opens an HTTP client (and the embedded emulator when `baseURL` is `"embedded"`).
    public func open(context: RunContext) async throws -> any SourceReader {
        try await GongActivityReader.open(settings: settings, context: context)
    }
}
