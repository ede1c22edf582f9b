public import SluiceCore

extension GongActivitySource {
    /// The options of a `gong.activity` block.
    public static let options: [OptionSpec] = [
        OptionSpec("baseURL", .string, default: .string(defaultBaseURL),
                   "Gong's API host (OAuth tokens: the customer's own host), or \"embedded\" for a local emulator."),
        OptionSpec("auth", .oneOf([
            [OptionSpec("accessKey", .string, required: true, secret: true, "The API access key."),
             OptionSpec("accessKeySecret", .string, required: true, secret: true, "The API access key's secret.")],
            [OptionSpec("bearerToken", .string, required: true, secret: true, "An OAuth access token.")],
        ]), secret: true, "{accessKey, accessKeySecret} or {bearerToken}; may be omitted only with \"embedded\"."),
        OptionSpec("fromDate", .date, required: true, "The first day read on a first run."),
        OptionSpec("toDate", .date, "The end (excluded); omitted: today in timeZone."),
        OptionSpec("timeZone", .string,
                   "The company's IANA zone (America/Los_Angeles); omitted: the newest toDate is the UTC date minus one day."),
        OptionSpec("userIds", .list(.string), "Only these users (ids of up to 20 digits); omitted or []: all users."),
        OptionSpec("windowDays", .integer(Windowing.windowDaysLimits), default: .int(30), "Days per window (the unit of commit)."),
        OptionSpec("lookbackDays", .integer(0...90), default: .int(7), "Days re-read before the last done window."),
        OptionSpec("rateLimit", .object([
            OptionSpec("perSecond", .number(0.01...1000), default: .int(3), "Calls per second, for the whole company."),
            OptionSpec("perDay", .integer(1...100_000_000), default: .int(10_000), "Calls per day of the company's zone."),
        ]), default: .object(ValueObject(["perSecond": .int(3), "perDay": .int(10_000)])),
        "Gong's limits, shared by every integration of the company."),
        OptionSpec("concurrency", .integer(Runner.concurrencyLimits), default: .int(3), "Windows read at once."),
        OptionSpec("maxRetries", .integer(0...50), default: .int(5), "Retries of a call after 429, 5xx or network errors."),
        OptionSpec("maxRetryWait", .number(0...86_400), default: .int(300),
                   "Longest wait in seconds for a 429; a longer one stops the run cleanly (exit 3)."),
        OptionSpec("retryBaseDelay", .number(0.001...600), default: .int(1),
                   "First back-off in seconds; doubled on each retry, with jitter."),
        OptionSpec("connectTimeout", .number(0.1...600), default: .int(10), "Seconds to connect."),
        OptionSpec("readTimeout", .number(0.1...3600), default: .int(60), "Seconds without data before a call times out."),
        OptionSpec("callTimeout", .number(0.1...86_400), default: .int(300),
                   "Seconds one call may take in all, from connecting to the answer's last byte; a slower call is retried."),
        OptionSpec("caBundle", .string, "An extra CA file (PEM) to trust, relative to the pipeline file's folder; TLS verification is always on."),
    ]

    static let defaultBaseURL = "https://api.gong.io"
    static let embeddedBaseURL = "embedded"
}
